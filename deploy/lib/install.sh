#!/usr/bin/env bash
# Host setup for the platform on Debian 12 (root, no systemd needed). Idempotent; fast when already done.
#   - installs missing Debian packages (apt-get update only if something is missing)
#   - starts dockerd (detached, log /var/log/paas/dockerd.log) unless `docker version` answers; writes
#     /etc/docker/daemon.json with live-restore and without the userland proxy when there is none (or only the
#     live-restore one it wrote before, then restarting dockerd once to apply it)
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
PACKAGES=(docker.io docker-registry apache2-utils nginx libnginx-mod-http-lua postgresql debootstrap git openssh-client curl ca-certificates openssl chromium chromium-driver wrk)
# pebble (with pebble-challtestsrv): the ACME test server the e2e tests get automatic certificates from.
PACKAGES+=(pebble)
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
# on the 2-core box); with it they keep serving.
# userland-proxy false: published ports are forwarded by the kernel (iptables DNAT; for 127.0.0.1 ports dockerd also
# sets route_localnet on its bridges and masquerades the host's own connections), not by one docker-proxy process per
# port, which cost a third of a core under load and held every request that routers on other hosts send to a node
# (docs/performance.md, "Router"). Routers on the node's own host use the containers' bridge addresses anyway.
# An admin's own daemon.json is left alone, with a warning; the one this script wrote before is brought up to date.
DAEMON_JSON=/etc/docker/daemon.json
DAEMON_SETTINGS='{
  "live-restore": true,
  "userland-proxy": false
}'
OLD_DAEMON_SETTINGS='{
  "live-restore": true
}'
daemon_pid() { cat /var/run/docker.pid 2>/dev/null || true; }
if [ ! -e "$DAEMON_JSON" ] || [ "$(cat "$DAEMON_JSON")" = "$OLD_DAEMON_SETTINGS" ]; then
  had_live_restore=false
  [ -e "$DAEMON_JSON" ] && had_live_restore=true
  mkdir -p "$(dirname "$DAEMON_JSON")"
  printf '%s\n' "$DAEMON_SETTINGS" >"$DAEMON_JSON.tmp" && mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
  info "wrote $DAEMON_JSON (live-restore, no userland proxy)"
  pid="$(daemon_pid)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && docker_up; then
    if [ "$had_live_restore" = true ]; then
      # The userland proxy is only read at start. With live-restore (already in force) the containers keep running;
      # published ports pause while dockerd restarts.
      info "restarting dockerd (pid $pid) to turn its userland proxy off; containers keep running"
      kill -TERM "$pid"
      wait_for "dockerd to stop" 90 sh -c "! kill -0 $pid" || die "dockerd (pid $pid) did not stop"
      setsid dockerd >>"$PAAS_LOG_DIR/dockerd.log" 2>&1 </dev/null &
      wait_for "docker to answer" 60 docker_up || die "dockerd did not come back (log: $PAAS_LOG_DIR/dockerd.log)"
    else
      # A running dockerd takes live-restore on a reload (SIGHUP), without stopping anything; restarting it now would
      # stop its containers, so the userland proxy goes at its next start.
      kill -HUP "$pid"
      info "reloaded dockerd (pid $pid); its userland proxy goes when it next starts"
    fi
  fi
else
  grep -q '"live-restore"' "$DAEMON_JSON" \
    || warn "$DAEMON_JSON does not set live-restore: add \"live-restore\": true so apps keep running while dockerd restarts"
  grep -q '"userland-proxy"' "$DAEMON_JSON" \
    || warn "$DAEMON_JSON does not set userland-proxy: add \"userland-proxy\": false so docker-proxy is not on the way to apps"
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
if multi_host; then
  step "Registry on $REGISTRY_HTTP_ADDR (TLS and login: other hosts reach it as $PAAS_REGISTRY_ADDR)"
  case "$PAAS_REGISTRY_ADDR" in
    127.*|localhost:*) die "REGISTRY_HTTP_ADDR=$REGISTRY_HTTP_ADDR opens the registry to other hosts: set PAAS_REGISTRY to the address:port they reach it on, e.g. PAAS_REGISTRY=10.0.0.1:5000" ;;
  esac
  "$PAAS_DEPLOY_DIR/lib/cluster-tls.sh" "$PAAS_TLS_DIR" "${PAAS_REGISTRY_ADDR%:*}"
  # Docker trusts a registry's CA per HOST:PORT; every other host needs the same file (README "More nodes").
  install -d "/etc/docker/certs.d/$PAAS_REGISTRY_ADDR"
  install -m 644 "$PAAS_TLS_DIR/ca.crt" "/etc/docker/certs.d/$PAAS_REGISTRY_ADDR/ca.crt"
  export REGISTRY_AUTH=htpasswd REGISTRY_AUTH_HTPASSWD_REALM=paas \
    REGISTRY_AUTH_HTPASSWD_PATH="$PAAS_TLS_DIR/registry.htpasswd" \
    REGISTRY_HTTP_TLS_CERTIFICATE="$PAAS_TLS_DIR/server.crt" REGISTRY_HTTP_TLS_KEY="$PAAS_TLS_DIR/server.key"
else
  step "Registry on 127.0.0.1:5000"
fi
registry_up() { registry_curl -fs -o /dev/null --max-time 2 "$(registry_url)/v2/"; }
# Where deploy/registry.yml keeps the images.
REGISTRY_ROOT="$(awk '/rootdirectory:/ { print $2; exit }' "$PAAS_DEPLOY_DIR/registry.yml")"
if registry_up; then
  info "answering"
else
  # Debian's packaged service (all interfaces, htpasswd auth) would take the port; it is not ours.
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(registry_url)/v2/" || true)"
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
    die "registry did not come up on $(registry_url) (one started earlier keeps its address and settings: deploy/down --all first)"
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
