import http.server
import os

MESSAGE = "Hello from a Dockerfile"


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"{MESSAGE} on port {os.environ['PORT']}, started by {os.environ.get('SERVED_BY')}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Hello).serve_forever()
