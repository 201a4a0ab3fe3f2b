# Packages from the npm registry for the Node.js buildpack: a semver range resolved against a package's published
# versions, and the package's tarball fetched once per version into the build cache, its integrity checked.
# Ranges are matched by npm's own `semver` package (fetched the same way, pinned), run by the stack's node, so
# "20.x", "^18.17 || >=20.5", ">=16 <21" mean here what they mean to npm. Not a buildpack itself.

NPM_REGISTRY="https://registry.npmjs.org"
SEMVER_PACKAGE="semver@7.6.3"
SEMVER_INTEGRITY="sha512-oVekP1cKtI+CTDvHWYFUcMtsK/00wmAEfyqKfNdARm8u1wNVhSgaX7A8d4UuIlUI5e84iEwOhs7ZPYRmzU9U6A=="
STACK_NODE="/usr/bin/node"

# registry_metadata NAME CACHE: prints the path of NAME's abbreviated metadata: the cache's copy while it is under
# 10 minutes old (pushes in a row ask nothing), else fetched again (not at all when the registry's ETag says it is
# unchanged); a registry that does not answer leaves the copy the cache has, if any.
registry_metadata() {
  local name="$1" cache="$2" file etag tmp code compare=()
  file="$cache/registry/${name//\//%2f}.json"
  etag="${file%.json}.etag"
  tmp="$file.tmp"
  mkdir -p "$cache/registry"
  if [ -n "$(find "$file" -maxdepth 0 -mmin -10 2>/dev/null)" ]; then
    echo "$file"
    return 0
  fi
  [ -f "$file" ] && [ -f "$etag" ] && compare=(--etag-compare "$etag")
  code="$(curl -sS --compressed --retry 2 --connect-timeout 10 --max-time 60 -o "$tmp" -w '%{http_code}' \
            -H 'Accept: application/vnd.npm.install-v1+json' \
            "${compare[@]}" --etag-save "$etag.new" \
            "$NPM_REGISTRY/${name//\//%2f}" || true)"
  if [ "$code" = 200 ]; then
    mv "$tmp" "$file" && mv "$etag.new" "$etag"
  elif [ "$code" != 304 ] && [ -f "$file" ]; then
    echo " !     The npm registry did not answer for $name (HTTP ${code:-none}): using the versions it listed before" >&2
  elif [ "$code" != 304 ]; then
    rm -f "$tmp" "$etag.new"
    echo " !     The npm registry ($NPM_REGISTRY) did not answer for $name (HTTP ${code:-none})" >&2
    return 1
  fi
  rm -f "$tmp" "$etag.new"
  echo "$file"
}

# registry_field FILE VERSION FIELD: prints dist.tarball or dist.integrity of one version in the metadata.
registry_field() {
  python3 - "$@" <<'PY'
import json, sys
path, version, field = sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    print(json.load(f)["versions"][version]["dist"][field])
PY
}

# registry_fetch NAME VERSION DIR CACHE [TARBALL INTEGRITY]: DIR gets the package's content (the tarball's
# package/), unless it is there already. Without TARBALL and INTEGRITY they are read from the metadata.
registry_fetch() {
  local name="$1" version="$2" dir="$3" cache="$4" tarball="${5:-}" integrity="${6:-}" meta tmp
  [ -f "$dir/.paas-complete" ] && { touch "$dir"; return 0; }
  if [ -z "$tarball" ]; then
    meta="$(registry_metadata "$name" "$cache")" || return 1
    tarball="$(registry_field "$meta" "$version" tarball)"
    integrity="$(registry_field "$meta" "$version" integrity)"
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  tmp="$dir.tgz"
  if ! curl -fsS --retry 2 --connect-timeout 10 --max-time 600 -o "$tmp" "$tarball"; then
    rm -rf "$dir" "$tmp"
    echo " !     Could not download $name@$version from $tarball" >&2
    return 1
  fi
  if ! python3 - "$tmp" "$integrity" <<'PY'
import base64, hashlib, sys
path, integrity = sys.argv[1:3]
algorithm, _, expected = integrity.partition("-")
if algorithm not in ("sha512", "sha384", "sha256"):
    sys.exit(1)
h = hashlib.new(algorithm)
with open(path, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
sys.exit(0 if base64.b64encode(h.digest()).decode() == expected else 1)
PY
  then
    rm -rf "$dir" "$tmp"
    echo " !     $name@$version from $tarball does not match the registry's integrity $integrity" >&2
    return 1
  fi
  tar -xzf "$tmp" -C "$dir" --strip-components=1 --no-same-owner
  rm -f "$tmp"
  touch "$dir/.paas-complete"
}

# semver_js CACHE: prints the path of semver's command line script, fetching semver once into the cache.
semver_js() {
  local cache="$1" dir="$1/tools/${SEMVER_PACKAGE/@/-}"
  registry_fetch semver "${SEMVER_PACKAGE#*@}" "$dir" "$cache" \
      "$NPM_REGISTRY/semver/-/semver-${SEMVER_PACKAGE#*@}.tgz" "$SEMVER_INTEGRITY" || return 1
  echo "$dir/bin/semver.js"
}

# registry_resolve NAME RANGE CACHE: prints the highest version of NAME that RANGE allows (no prereleases unless
# RANGE names one); fails with status 3 and a message naming the range and the versions there are when none does,
# 1 when the registry could not be asked.
registry_resolve() {
  local name="$1" range="$2" cache="$3" meta semver versions best answers key
  meta="$(registry_metadata "$name" "$cache")" || return 1
  # The answer for this range while the metadata is the same: starting node to run semver is most of a warm
  # resolution.
  answers="${meta%.json}.resolved"
  key="$({ printf '%s\n' "$range"; cat "$meta"; } | sha256sum | cut -c1-32)"
  best="$(grep -m1 "^$key " "$answers" 2>/dev/null | cut -d' ' -f2 || true)"
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  semver="$(semver_js "$cache")" || return 1
  versions="$(python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1], encoding="utf-8"))["versions"]))' "$meta")"
  # semver prints the versions the range allows in ascending order; xargs would split them, so they go as
  # arguments of one call (a few thousand short words).
  # shellcheck disable=SC2086
  best="$("$STACK_NODE" "$semver" -r "$range" $versions 2>/dev/null | tail -n 1 || true)"
  if [ -z "$best" ]; then
    local all
    # shellcheck disable=SC2086
    all="$("$STACK_NODE" "$semver" $versions 2>/dev/null || true)"
    echo " !     No version of $name satisfies \"$range\": the npm registry has $(echo "$all" | head -n 1) to $(echo "$all" | tail -n 1)." >&2
    return 3
  fi
  { tail -n 20 "$answers" 2>/dev/null || true; echo "$key $best"; } > "$answers.tmp" && mv "$answers.tmp" "$answers"
  echo "$best"
}

# keep_newest DIR N: removes all but the N most recently used entries of DIR (each fetch touches its entry).
keep_newest() {
  local dir="$1" n="$2"
  [ -d "$dir" ] || return 0
  # shellcheck disable=SC2012
  ls -1t "$dir" | grep -v '\.tgz$' | tail -n +"$((n + 1))" | while read -r old; do
    rm -rf "${dir:?}/$old"
  done
}
