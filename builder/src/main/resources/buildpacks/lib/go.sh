# Helpers of the go buildpack (sourced by go/bin/compile and go/bin/release; BuildpackLibTest runs them on their
# own). Messages for the pusher go to stderr; stdout carries only a function's answer.

# The module path of ./go.mod, empty without one.
go_module() {
  [ -f go.mod ] || return 0
  sed -n 's/^[[:space:]]*module[[:space:]]\{1,\}"\{0,1\}\([^"[:space:]]*\)"\{0,1\}.*$/\1/p' go.mod | tr -d '\r' | head -n1
}

# The import path .godir names (Heroku's Go buildpack before modules), empty without one or when it is not one.
go_godir() {
  [ -f .godir ] || return 0
  local path
  path="$(head -n1 .godir | tr -d '\r' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s|/*$||')"
  if [[ "$path" =~ ^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$ ]] && ! [[ "/$path/" =~ /\.\.?/ ]]; then
    echo "$path"
  else
    echo " !     .godir does not hold an import path (e.g. github.com/you/app): ignored." >&2
  fi
}

# The name go gives the binary of the package at IMPORT_PATH: its last element, or the one before a major version
# suffix (/v2) of a module path.
go_binary_name() {
  local path="$1" last
  last="${path##*/}"
  if [[ "$last" =~ ^v[0-9]+$ ]] && [ "$path" != "$last" ]; then
    path="${path%/*}"
    last="${path##*/}"
  fi
  echo "$last"
}

# The name of the app's own binary (its root package), as Heroku's Go buildpack names it: from the module path with
# a go.mod, else from .godir, else "app".
go_app_binary() {
  local path
  path="$(go_module)"
  [ -n "$path" ] || path="$(go_godir 2>/dev/null)"
  [ -n "$path" ] && go_binary_name "$path" || echo app
}

# The Go version ./go.mod asks for: a "// +heroku goVersion go1.N" comment (Heroku's), else its toolchain line,
# else its go line; as "1.N[.P]", empty when it names none.
go_wanted_version() {
  [ -f go.mod ] || return 0
  local v
  v="$(sed -n 's|^[[:space:]]*//[[:space:]]*+heroku[[:space:]]\{1,\}goVersion[[:space:]]\{1,\}go\([0-9.]*\).*|\1|p' go.mod | head -n1)"
  [ -n "$v" ] || v="$(sed -n 's/^[[:space:]]*toolchain[[:space:]]\{1,\}go\([0-9.]*\).*/\1/p' go.mod | head -n1)"
  [ -n "$v" ] || v="$(sed -n 's/^[[:space:]]*go[[:space:]]\{1,\}\([0-9.]*\).*/\1/p' go.mod | head -n1)"
  echo "$v"
}

# Whether dotted version A is newer than B, comparing numbers part by part ("1.21" is newer than "1.19.8").
version_newer() {
  local IFS=. i a b
  read -ra a <<< "$1"
  read -ra b <<< "$2"
  for i in 0 1 2 3; do
    if [ "$((10#${a[i]:-0}))" -gt "$((10#${b[i]:-0}))" ]; then return 0; fi
    if [ "$((10#${a[i]:-0}))" -lt "$((10#${b[i]:-0}))" ]; then return 1; fi
  done
  return 1
}
