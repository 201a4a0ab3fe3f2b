# Helpers of the ruby buildpack, sourced by its bin/compile and bin/release (and run on their own by
# BuildpackLibTest). They read the app in the current directory.

# lock_has GEM: whether Gemfile.lock's resolved gems (its "    name (version)" lines) include GEM.
lock_has() {
  [ -f Gemfile.lock ] && grep -Eq "^    $1 \(" Gemfile.lock
}

# lock_version GEM: the version Gemfile.lock resolved GEM to (empty when it has none).
lock_version() {
  [ -f Gemfile.lock ] || return 0
  sed -n -E "s/^    $1 \(([0-9][0-9A-Za-z.]*)(-[a-z0-9_-]+)?\)$/\1/p" Gemfile.lock | head -n1
}

# ruby_web_process: the default web process (nothing without config.ru or bin/rails), as Heroku's Ruby buildpack
# chooses it: a Rails app's own server, else the bundle's rackup (rack 2 has it; rack 3 apps add the rackup gem),
# else the bundle's puma, else Debian's rackup (run-ruby has rack and webrick) when the bundle has no server.
ruby_web_process() {
  if lock_has railties && [ -f bin/rails ]; then
    echo 'exec bin/rails server -b 0.0.0.0 -p "$PORT" -e "$RAILS_ENV"'
  elif [ ! -f config.ru ]; then
    return 0
  elif lock_has rackup || { lock_has rack && [ "$(lock_version rack | cut -d. -f1)" -lt 3 ]; }; then
    echo 'exec bundle exec rackup config.ru -p "$PORT" -o 0.0.0.0'
  elif lock_has puma; then
    echo 'exec bundle exec puma -p "$PORT" config.ru'
  else
    echo 'exec rackup config.ru -p "$PORT" -o 0.0.0.0'
  fi
}

# bundle_failure_hint LOG: what a user can do about the bundle install whose output is in LOG (nothing if unknown).
bundle_failure_hint() {
  local log="$1"
  if grep -Eq 'Could not find gem|Could not find .* in (any of the sources|locally installed gems|cached gems)|Could not reach host|Could not fetch specs|rubygems\.org' "$log"; then
    echo "rubygems.org is not reachable from this platform's builds: vendor the gems into the repository with"
    echo "\`bundle cache --all\` (bundle package) on a machine that reaches it, and commit vendor/cache."
  elif grep -q 'Failed to build gem native extension' "$log"; then
    echo "The build stack has no C compiler: gems with native extensions cannot be built here; vendor a"
    echo "platform (x86_64-linux) build of the gem in vendor/cache, or build the app from a Dockerfile."
  elif grep -Eq 'Your Ruby version is|Ruby version .* does not match' "$log"; then
    echo "This platform has Debian's Ruby $(ruby -e 'print RUBY_VERSION' 2>/dev/null): change the Gemfile's ruby line."
  elif grep -Eq 'deployment mode|frozen' "$log"; then
    echo "Gemfile and Gemfile.lock disagree: run \`bundle install\` (or \`bundle lock\`) and commit Gemfile.lock."
  fi
}
