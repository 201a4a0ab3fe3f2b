#!/usr/bin/env bash
# Builds the platform's local images, each only if missing. Nothing is pulled from a public registry.
#   paas/base:bookworm (+ debian:bookworm, debian:bookworm-slim)  debootstrap minbase, docker import
#   paas/stack-run:bookworm                                       base + python3 ca-certificates
#   paas/postgres:15                                              base + postgresql-15, Testcontainers-compatible
#   paas/addon-postgres:15-r2                                     the PostgreSQL add-on's service: postgres, as user postgres
#   paas/addon-mysql:10.11-r2, paas/addon-redis:7-r2              the MySQL (MariaDB) and Redis add-ons' services
#                                                                 (-r2: they listen on the port the controller gives)
#   paas/stack-build:bookworm                                     base + node/npm, python3/pip, JDK 17/maven, go, git,
#                                                                 ruby/bundler, php-cli/composer
#   paas/run-node:bookworm, paas/run-java:bookworm                stack-run + nodejs, stack-run + JRE 17
#   paas/run-ruby:bookworm, paas/run-php:bookworm                 stack-run + ruby/bundler/rack, + php-fpm/nginx
# Images built from deploy/images/<name>/ carry a label with a hash of that directory and are rebuilt
# when it changes. --force rebuilds everything.
# --seed-registry also pushes paas/stack-run:bookworm to the cluster registry (127.0.0.1:5000), so the first
# app image push finds the stack's layers there instead of uploading them (Docker mounts them across repos), and in
# multi-host mode the add-on images, which other hosts pull from there (deploy/lib/seed-registry.sh).
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
. "$(dirname "$0")/common.sh"

FORCE=0
SEED=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --seed-registry) SEED=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

need_root
MIRROR="${PAAS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE=paas/base:bookworm

have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

"$DOCKER" version >/dev/null 2>&1 || die "docker does not answer; run deploy/lib/install.sh first"

build_base() {
  step "image $BASE"
  if [ "$FORCE" = 0 ] && have_image "$BASE"; then
    info "present"
  else
    command -v debootstrap >/dev/null || die "debootstrap missing; run deploy/lib/install.sh first"
    local dir
    dir="$(mktemp -d /var/tmp/paas-base.XXXXXX)"
    # shellcheck disable=SC2064
    trap "rm -rf '$dir'" EXIT
    info "debootstrap --variant=minbase bookworm $dir $MIRROR (about 30 s)"
    local log="$PAAS_LOG_DIR/debootstrap.log"
    mkdir -p "$PAAS_LOG_DIR"
    if ! debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      die "debootstrap failed (full log: $log)"
    fi
    # Same apt sources as the official image; no downloaded lists or .debs in the image.
    cat > "$dir/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SOURCES
    # Keep images small: never keep downloaded packages, skip recommends by default.
    cat > "$dir/etc/apt/apt.conf.d/docker-clean" <<'APTCONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APTCONF
    echo 'APT::Install-Recommends "false";' > "$dir/etc/apt/apt.conf.d/docker-no-recommends"
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin
    rm -f "$dir/etc/hostname" "$dir/etc/resolv.conf"
    info "docker import"
    tar --numeric-owner -C "$dir" -c . | "$DOCKER" import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$BASE" >/dev/null
    rm -rf "$dir"
    trap - EXIT
    info "built"
  fi
  local tag
  for tag in debian:bookworm debian:bookworm-slim; do
    if [ "$("$DOCKER" image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)" != "$("$DOCKER" image inspect -f '{{.Id}}' "$BASE")" ]; then
      "$DOCKER" tag "$BASE" "$tag"
      info "tagged $tag"
    fi
  done
}

# build_dir NAME TAG [FROM]: docker build deploy/images/NAME as TAG unless an image with the same content hash
# exists. FROM is the image its Dockerfile builds on (default the base), so rebuilding that rebuilds this.
build_dir() {
  local name="$1" tag="$2" from="${3:-$BASE}" ctx="$PAAS_DEPLOY_DIR/images/$1" hash current base_id
  step "image $tag"
  base_id="$("$DOCKER" image inspect -f '{{.Id}}' "$from")"
  # The hash covers the build context and the base image it builds on.
  hash="$( (cd "$ctx" && find . -type f -print0 | sort -z | xargs -0 sha256sum; echo "$base_id") | sha256sum | cut -c1-16)"
  current="$("$DOCKER" image inspect -f '{{index .Config.Labels "paas.image-hash"}}' "$tag" 2>/dev/null || true)"
  if [ "$FORCE" = 0 ] && [ "$current" = "$hash" ]; then
    info "present"
    return
  fi
  [ -n "$current" ] && info "context changed ($current -> $hash), rebuilding"
  local log="$PAAS_LOG_DIR/image-$name.log"
  mkdir -p "$PAAS_LOG_DIR"
  info "docker build deploy/images/$name (log: $log)"
  # Legacy builder: Debian's docker.io has no buildx, and it needs nothing from a registry.
  if ! DOCKER_BUILDKIT=0 "$DOCKER" build --label "paas.image-hash=$hash" -t "$tag" "$ctx" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building $tag failed (full log: $log)"
  fi
  info "built"
}

build_base
build_dir stack-run paas/stack-run:bookworm
build_dir postgres paas/postgres:15
# Add-on services (controller addon package), run by node-agents with a named volume each.
build_dir addon-postgres paas/addon-postgres:15-r2 paas/postgres:15
build_dir addon-mysql paas/addon-mysql:10.11-r2
build_dir addon-redis paas/addon-redis:7-r2
# Buildpack stacks: toolchains to build on, and per-language run images the slugs are layered on.
build_dir stack-build paas/stack-build:bookworm
build_dir run-node paas/run-node:bookworm paas/stack-run:bookworm
build_dir run-java paas/run-java:bookworm paas/stack-run:bookworm
build_dir run-ruby paas/run-ruby:bookworm paas/stack-run:bookworm
build_dir run-php paas/run-php:bookworm paas/stack-run:bookworm
if [ "$SEED" = 1 ]; then
  seed=(paas/stack-run:bookworm)
  # Other hosts start add-ons from the registry's copies (the agent pulls ServiceParts.pullFrom); a single host has
  # them built here and never pulls them.
  if multi_host; then
    seed+=(paas/addon-postgres:15-r2 paas/addon-mysql:10.11-r2 paas/addon-redis:7-r2)
  fi
  "$PAAS_DEPLOY_DIR/lib/seed-registry.sh" "${seed[@]}"
fi

# Dangling layers from rebuilt images.
"$DOCKER" image prune -f --filter label=paas.image-hash >/dev/null 2>&1 || true
step "images ready"
