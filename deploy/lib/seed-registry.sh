#!/usr/bin/env bash
# Pushes local images to the cluster registry (127.0.0.1:5000, or PAAS_REGISTRY in multi-host mode, with the
# registry's login from PAAS_TLS_DIR) under the same name, each unless the registry already has this very image:
#   deploy/lib/seed-registry.sh paas/addon-redis:7-r2 ...
# images.sh --seed-registry runs it for the stack's run image and, in multi-host mode, the add-on images, which
# node-agents on other hosts pull from there (ServiceParts.pullFrom).
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
. "$(dirname "$0")/common.sh"

[ "$#" -gt 0 ] || die "usage: seed-registry.sh IMAGE..."
mkdir -p "$PAAS_LOG_DIR"

# seed_registry TAG: pushes TAG unless the registry already has this very image.
seed_registry() {
  local tag="$1" remote="$PAAS_REGISTRY_ADDR/$1" id have
  step "registry copy $remote"
  id="$("$DOCKER" image inspect -f '{{.Id}}' "$tag")"
  # The manifest's config digest is the image id.
  have="$(registry_curl -fs --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
            "$(registry_url)/v2/${tag%%:*}/manifests/${tag##*:}" 2>/dev/null \
          | tr -d ' \n' | grep -o '"config":{[^}]*}' | grep -o 'sha256:[0-9a-f]*' || true)"
  if [ "$have" = "$id" ]; then
    info "present"
    return
  fi
  registry_curl -fs -o /dev/null --max-time 2 "$(registry_url)/v2/" || die "the registry at $(registry_url) does not answer; run deploy/lib/install.sh"
  info "docker push (once; about a minute on a busy 2-core machine)"
  "$DOCKER" tag "$tag" "$remote"
  local log="$PAAS_LOG_DIR/image-push.log" config
  # A login of its own for this one push, in a directory removed afterwards: root's ~/.docker keeps no password.
  config="$(mktemp -d)"
  if multi_host; then
    cut -d: -f2- "$PAAS_TLS_DIR/registry-credentials" | DOCKER_CONFIG="$config" "$DOCKER" login \
      -u "$(cut -d: -f1 "$PAAS_TLS_DIR/registry-credentials")" --password-stdin "$PAAS_REGISTRY_ADDR" >"$log" 2>&1 \
      || { rm -rf "$config"; tail -n 5 "$log" >&2; die "docker login to $PAAS_REGISTRY_ADDR failed (full log: $log)"; }
  fi
  if ! DOCKER_CONFIG="$config" "$DOCKER" push "$remote" >>"$log" 2>&1; then
    rm -rf "$config"
    tail -n 20 "$log" >&2
    die "docker push $remote failed (full log: $log)"
  fi
  rm -rf "$config"
  "$DOCKER" rmi "$remote" >/dev/null   # only the extra tag; the image stays
  info "pushed"
}


for image in "$@"; do
  "$DOCKER" image inspect "$image" >/dev/null 2>&1 || die "no image $image here; run deploy/lib/images.sh first"
  seed_registry "$image"
done
