# The smallest web process: answers every GET with its app and process, e.g. "many-01 from web.2".
import http.server
import os

ANSWER = ("%s from %s\n" % (os.environ.get("PAAS_APP", "?"), os.environ.get("PAAS_PROCESS", "?"))).encode()


class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Hello).serve_forever()
