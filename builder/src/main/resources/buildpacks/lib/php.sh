# Helpers of the php buildpack, sourced by its bin/compile and bin/release (and run on their own by
# BuildpackLibTest). They read the app in the current directory; composer.json is read by PHP itself and nothing
# it holds reaches the shell but values checked against a whitelist.

# composer_value KEY...: the string at that path of composer.json (e.g. `extra heroku document-root`), empty when
# there is none; a composer.json that is not a JSON object fails naming the parser's reason.
composer_value() {
  php -r '
    $j = json_decode(file_get_contents("composer.json"), true);
    if (!is_array($j)) { fwrite(STDERR, "composer.json is not a JSON object: " . json_last_error_msg() . "\n"); exit(1); }
    $v = $j;
    foreach (array_slice($argv, 1) as $k) { $v = is_array($v) && array_key_exists($k, $v) ? $v[$k] : null; }
    if (is_string($v)) echo $v;' -- "$@"
}

# composer_packages: how many packages composer.json requires (require only: ext-* and php are the platform's).
composer_packages() {
  php -r '
    $j = json_decode(file_get_contents("composer.json"), true);
    $n = 0;
    foreach ((is_array($j) && is_array($j["require"] ?? null)) ? $j["require"] : [] as $name => $v) {
      if (strpos($name, "/") !== false) $n++;
    }
    echo $n;'
}

# php_document_root: the default web process's document root, relative to the app: composer.json's
# extra.heroku.document-root (as Heroku's first PHP buildpack read it), else the app's root (empty). One that leaves
# the app or holds other than letters, digits and ._-/ is refused.
php_document_root() {
  local root=""
  [ -f composer.json ] && { root="$(composer_value extra heroku document-root)" || return 1; }
  root="${root#/}" root="${root%/}"
  [ -z "$root" ] && return 0
  if ! [[ "$root" =~ ^[A-Za-z0-9._/-]+$ ]] || [[ "/$root/" == */../* ]] || [[ "/$root/" == */./* ]]; then
    echo "composer.json's extra.heroku.document-root \"$root\" is not a directory of the app (write e.g. \"public\")." >&2
    return 1
  fi
  echo "$root"
}
