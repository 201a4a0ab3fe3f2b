#!/usr/bin/env bash
# Host setup for the platform on Debian 12 (root, no systemd needed). Idempotent; fast when already done.
#   - installs missing Debian packages (apt-get update only if something is missing)
#   - starts dockerd (detached, log /var/log/paas/dockerd.log) unless `docker version` answers; writes
#     /etc/docker/daemon.json with live-restore when there is none
#   - starts the cluster registry on 127.0.0.1:5000 (docker-registry serve deploy/registry.yml)
#   - starts PostgreSQL 15 (cluster 15/main on 127.0.0.1:5432), creating the cluster if missing
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
. "$(dirname "$0")/common.sh"

need_root
mkdir -p "$PAAS_LOG_DIR" "$PAAS_LIB_DIR/run" "$PAAS_LIB_DIR/registry"
install -d -m 700 "$PAAS_LIB_DIR/secrets"

# ---------------------------------------------------------------- packages
step "Debian packages"
PACKAGES=(docker.io docker-registry nginx libnginx-mod-http-lua postgresql debootstrap git openssh-client curl ca-certificates openssl chromium chromium-driver)
# The build needs a JDK 17 and Maven; only install them when the machine has none.
command -v javac >/dev/null 2>&1 || PACKAGES+=(openjdk-17-jdk-headless)
command -v mvn   >/dev/null 2>&1 || PACKAGES+=(maven)
# One dpkg-query for all of them; unknown packages print nothing and count as missing.
installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '/ install ok installed$/ { print $1 }' || true)"
missing=()
for p in "${PACKAGES[@]}"; do
  grep -qxF "$p" <<<"$installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  info "all present"
else
  info "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$PAAS_LOG_DIR/apt.log"
  if ! { apt-get update && apt-get install -y "${missing[@]}"; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get failed (full log: $apt_log)"
  fi
  info "installed"
fi
# Resolve the docker client now that the package is surely there.
if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi

# ---------------------------------------------------------------- dockerd
step "Docker engine"
docker_up() { "$DOCKER" version >/dev/null 2>&1; }
# live-restore: containers keep running while dockerd restarts (an upgrade, a crash). Without it a dockerd restart
# stops every app until the agent has started them all again (DockerdRestartIT: ten apps, 15 s of failed requests
# on the 2-core box); with it they keep serving. An admin's own daemon.json is left alone, with a warning.
DAEMON_JSON=/etc/docker/daemon.json
if [ ! -e "$DAEMON_JSON" ]; then
  mkdir -p "$(dirname "$DAEMON_JSON")"
  printf '{\n  "live-restore": true\n}\n' >"$DAEMON_JSON.tmp" && mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
  info "wrote $DAEMON_JSON (live-restore: apps keep running while dockerd restarts)"
  # A running dockerd takes live-restore on a reload (SIGHUP), without stopping anything.
  pid="$(cat /var/run/docker.pid 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && docker_up; then
    kill -HUP "$pid"
    info "reloaded dockerd (pid $pid)"
  fi
elif ! grep -q '"live-restore"' "$DAEMON_JSON"; then
  warn "$DAEMON_JSON does not set live-restore: add \"live-restore\": true so apps keep running while dockerd restarts"
fi
if docker_up; then
  info "running ($("$DOCKER" version -f '{{.Server.Version}}' 2>/dev/null))"
else
  pid="$(cat /var/run/docker.pid 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    info "dockerd (pid $pid) is starting, waiting"
  else
    info "starting dockerd (log: $PAAS_LOG_DIR/dockerd.log)"
    setsid dockerd >>"$PAAS_LOG_DIR/dockerd.log" 2>&1 </dev/null &
  fi
  if ! wait_for "docker to answer" 60 docker_up; then
    tail -n 30 "$PAAS_LOG_DIR/dockerd.log" >&2 || true
    die "dockerd did not come up"
  fi
  info "running ($("$DOCKER" version -f '{{.Server.Version}}' 2>/dev/null))"
fi

# ---------------------------------------------------------------- registry
step "Registry on 127.0.0.1:5000"
registry_up() { curl -fs -o /dev/null --max-time 2 http://127.0.0.1:5000/v2/; }
# Where deploy/registry.yml keeps the images.
REGISTRY_ROOT="$(awk '/rootdirectory:/ { print $2; exit }' "$PAAS_DEPLOY_DIR/registry.yml")"
if registry_up; then
  info "answering"
else
  # Debian's packaged service (all interfaces, htpasswd auth) would take the port; it is not ours.
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:5000/v2/ || true)"
  if [ "$code" != 000 ] && [ -x /etc/init.d/docker-registry ]; then
    info "port 5000 answers HTTP $code (Debian's packaged registry?); stopping it"
    /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
    sleep 1
  fi
  pidfile="$PAAS_LIB_DIR/run/registry.pid"
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    info "registry (pid $pid) is starting, waiting"
  else
    # The controller deletes old images' manifests after each deploy; their layers stay on disk until a garbage
    # collection, which is only safe while the registry is stopped (a push meanwhile could lose layers). It is
    # stopped now, so collect first (deploy/registry-gc stops it to get here). Best effort: a failure is reported
    # and the registry starts anyway.
    # Every registry serving this storage holds a shared lock on it for as long as it runs, and the collection
    # takes it exclusively without waiting: so it never runs under a registry that another platform's deploy/up
    # (another PAAS_LIB_DIR, the same storage) started meanwhile, and a registry starting meanwhile waits for it.
    lock="$REGISTRY_ROOT.lock"
    mkdir -p "$REGISTRY_ROOT"
    info "garbage-collecting the registry's unreferenced layers (log: $PAAS_LOG_DIR/registry-gc.log)"
    before="$(du -sm "$REGISTRY_ROOT" 2>/dev/null | cut -f1 || true)"
    if timeout 600 flock -x -n "$lock" docker-registry garbage-collect "$PAAS_DEPLOY_DIR/registry.yml" \
         >>"$PAAS_LOG_DIR/registry-gc.log" 2>&1; then
      info "registry storage: ${before:-?} MiB before, $(du -sm "$REGISTRY_ROOT" 2>/dev/null | cut -f1 || echo '?') MiB after"
    else
      warn "registry garbage collection skipped or failed (another registry serving this storage? see $PAAS_LOG_DIR/registry-gc.log); starting the registry anyway"
    fi
    info "starting docker-registry serve deploy/registry.yml (log: $PAAS_LOG_DIR/registry.log)"
    # bash takes the lock on fd 9 and execs the registry, which keeps the fd (and the lock) and the pid.
    setsid nohup bash -c 'exec 9>>"$1" && flock -s 9 && exec docker-registry serve "$2"' registry "$lock" \
      "$PAAS_DEPLOY_DIR/registry.yml" >>"$PAAS_LOG_DIR/registry.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  fi
  if ! wait_for "the registry" 30 registry_up; then
    tail -n 20 "$PAAS_LOG_DIR/registry.log" >&2 || true
    die "registry did not come up on 127.0.0.1:5000"
  fi
  info "answering"
fi

# ---------------------------------------------------------------- PostgreSQL
step "PostgreSQL 15 (cluster 15/main, 127.0.0.1:5432)"
cluster_status() { pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main" { print $4 }'; }
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
status="$(cluster_status)"
if [ -z "$status" ]; then
  info "creating cluster 15/main"
  pg_createcluster -p 5432 15 main >/dev/null
  status="$(cluster_status)"
fi
if [ "$status" = online ] && pg_up; then
  info "running"
else
  if [ "$status" != online ]; then
    info "pg_ctlcluster 15 main start"
    pg_ctlcluster 15 main start
  fi
  if ! wait_for "PostgreSQL" 30 pg_up; then
    tail -n 20 /var/log/postgresql/postgresql-15-main.log >&2 || true
    die "PostgreSQL did not come up on 127.0.0.1:5432"
  fi
  info "running"
fi

step "host ready"
