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
