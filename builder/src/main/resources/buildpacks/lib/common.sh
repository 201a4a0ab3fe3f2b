# Helpers the built-in buildpacks source. Not a buildpack itself.

# Exports the app's config vars from ENV_DIR, except those that would change how the build tools themselves
# run (the same list Heroku's buildpacks leave out).
export_env_dir() {
  local dir="$1" f name
  [ -d "$dir" ] || return 0
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    name="$(basename "$f")"
    case "$name" in
      PATH|GIT_DIR|CPATH|CPPATH|LD_PRELOAD|LIBRARY_PATH|LD_LIBRARY_PATH|JAVA_OPTS|JAVA_TOOL_OPTIONS) continue ;;
    esac
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    export "$name=$(cat "$f")"
  done
}

indent() { sed -u 's/^/       /'; }
