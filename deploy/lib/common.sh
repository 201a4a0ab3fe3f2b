# Shared helpers for deploy/ scripts. Source it; do not run it.
# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this

PAAS_LIB_DIR="${PAAS_LIB_DIR:-/var/lib/paas}"
PAAS_LOG_DIR="${PAAS_LOG_DIR:-/var/log/paas}"
PAAS_OPT_DIR="${PAAS_OPT_DIR:-/opt/paas}"
# Ports, names and the database can be moved so that a second platform runs beside the default one
# (for development and benchmarks); the defaults are the documented ones.
PAAS_API_PORT="${PAAS_API_PORT:-8000}"
PAAS_SSH_PORT="${PAAS_SSH_PORT:-2222}"
PAAS_ROUTER_PORT="${PAAS_ROUTER_PORT:-8080}"
PAAS_ROUTER_HTTPS_PORT="${PAAS_ROUTER_HTTPS_PORT:-8443}"
PAAS_NODE_PORTS="${PAAS_NODE_PORTS:-20000-20999}"
PAAS_DB_NAME="${PAAS_DB_NAME:-paas}"
PAAS_NODE_NAME="${PAAS_NODE_NAME:-node1}"
PAAS_ROUTER_NAME="${PAAS_ROUTER_NAME:-router1}"
PAAS_BIN_DIR="${PAAS_BIN_DIR:-/usr/local/bin}"

# Repository root (deploy/lib/common.sh -> ../..).
PAAS_REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PAAS_DEPLOY_DIR="$PAAS_REPO_DIR/deploy"

_paas_t0="${_paas_t0:-$(date +%s.%N)}"
export _paas_t0

_paas_elapsed() { awk -v a="$_paas_t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%6.1fs", b - a }'; }

step() { printf '[%s] ==> %s\n' "$(_paas_elapsed)" "$*"; }
info() { printf '[%s]     %s\n' "$(_paas_elapsed)" "$*"; }
warn() { printf '[%s] !!  %s\n' "$(_paas_elapsed)" "$*" >&2; }
die()  { printf '[%s] FAIL %s\n' "$(_paas_elapsed)" "$*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" -eq 0 ] || die "run this as root (it installs packages and starts daemons)"
}

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...  -- polls every 0.5 s
wait_for() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      warn "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# Prefer Debian's docker client (matches the daemon); fall back to whatever is on PATH.
if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi

# Multi-host mode (README "More nodes"): the registry listens beyond loopback (REGISTRY_HTTP_ADDR), other hosts reach
# it and the controller as PAAS_REGISTRY's host. Then the registry demands TLS with the platform's own CA and a
# login, the controller serves TLS on that address (plain HTTP stays on 127.0.0.1), all made by cluster-tls.sh in
# PAAS_TLS_DIR. A loopback registry (the default) needs none of it.
PAAS_TLS_DIR="${PAAS_TLS_DIR:-$PAAS_LIB_DIR/secrets/cluster}"
PAAS_REGISTRY_ADDR="${PAAS_REGISTRY:-127.0.0.1:5000}"
multi_host() {
  case "${REGISTRY_HTTP_ADDR:-127.0.0.1:5000}" in
    127.*|localhost:*) return 1 ;;
    *) return 0 ;;
  esac
}
# registry_curl ARGS...: curl to the cluster registry as this host's platform reaches it (credentials from a file
# curl reads on stdin, never on the command line).
registry_curl() {
  if multi_host; then
    printf 'user = "%s"\n' "$(cat "$PAAS_TLS_DIR/registry-credentials")" \
      | curl -K - --cacert "$PAAS_TLS_DIR/ca.crt" "$@"
  else
    curl "$@"
  fi
}
registry_url() { if multi_host; then echo "https://$PAAS_REGISTRY_ADDR"; else echo "http://127.0.0.1:5000"; fi; }

# java_options SERVICE: the JVM options of controller, node-agent or router, its line of deploy/java-options.
java_options() {
  local line
  line="$(awk -v s="$1" '$1 == s { $1 = ""; sub(/^ +/, ""); print; exit }' "$PAAS_DEPLOY_DIR/java-options")"
  [ -n "$line" ] || die "deploy/java-options has no line for $1"
  printf '%s\n' "$line"
}
