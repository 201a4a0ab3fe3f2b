import http.server
import os


def page():
    # predeploy.txt is written by app.json's predeploy script into the image before the release.
    try:
        with open("/app/predeploy.txt") as f:
            predeployed = f.read().strip()
    except OSError:
        predeployed = "no predeploy file"
    return ("Hello from app.json: %s, %s, secret of %d characters\n" % (
        os.environ.get("GREETING", "no greeting"), predeployed, len(os.environ.get("SECRET_KEY", "")))).encode()


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"status: ok\n" if self.path == "/health" else page()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Hello).serve_forever()
