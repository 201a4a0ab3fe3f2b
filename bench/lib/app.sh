# Shared by bench/ scripts: a throw-away sample app on the platform the deploy/ environment names
# (PAAS_API_PORT, PAAS_ROUTER_PORT, PAAS_BIN_DIR, PAAS_CONFIG...; default: the one plain deploy/up runs).
# Source it; do not run it. Needs a logged-in cli and ~/.ssh/id_ed25519 registered (deploy/up does both).
# shellcheck shell=bash disable=SC2034
. "$(dirname "${BASH_SOURCE[0]}")/../../deploy/lib/common.sh"

PAAS="$PAAS_BIN_DIR/paas"
ROUTER="http://127.0.0.1:$PAAS_ROUTER_PORT/"
[ -x "$PAAS" ] || die "$PAAS is missing: run deploy/up (with this environment) first"

# bench_app_create: makes $APP in $APP_DIR and pushes it; answers "$GREETING from web.N" on every request.
bench_app_create() {
  APP="bench-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  APP_DIR="$(mktemp -d)"
  trap bench_app_destroy EXIT
  cat >"$APP_DIR/app.py" <<'PY'
import http.server, os
greeting = os.environ.get("GREETING", "Hello")
class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = ("%s from %s\n" % (greeting, os.environ["PAAS_PROCESS"])).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Hello).serve_forever()
PY
  echo 'web: python3 app.py' >"$APP_DIR/Procfile"
  : >"$APP_DIR/requirements.txt"
  (cd "$APP_DIR" && git init -q -b master && git add -A \
     && git -c user.name=bench -c user.email=bench@localhost commit -q -m bench) || die "git init failed"
  (cd "$APP_DIR" && "$PAAS" create "$APP" >/dev/null) || die "paas create $APP failed"
  info "pushing $APP"
  (cd "$APP_DIR" && GIT_SSH_COMMAND="ssh -i $HOME/.ssh/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes" \
     git push -q paas master >"$APP_DIR.push.log" 2>&1) || { tail -n 20 "$APP_DIR.push.log" >&2; die "push failed"; }
}

bench_app_destroy() {
  [ -n "${APP:-}" ] && "$PAAS" destroy -a "$APP" --confirm "$APP" >/dev/null 2>&1
  rm -rf "${APP_DIR:-/nonexistent}" "${APP_DIR:-/nonexistent}.push.log"
}

# bench_get: one request through nginx; prints "STATUS BODY".
bench_get() {
  local out
  out="$(curl -s --max-time 5 -H "Host: $APP.localhost" -w '\n%{http_code}' "$ROUTER")" || true
  printf '%s %s' "${out##*$'\n'}" "${out%$'\n'*}" | tr -d '\n'
}

# median of the numbers on stdin, one a line.
median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
