import http.server
import os
import urllib.parse

# Memory held on purpose: GET /allocate?mb=N adds N MB and keeps it, so a process can be pushed past its memory
# limit (paas limits:set web=64M) and be killed for it. Anything else answers a greeting and how much is held.
held = []


class Memory(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/allocate":
            mb = int(urllib.parse.parse_qs(url.query).get("mb", ["16"])[0])
            for _ in range(min(mb, 4096)):
                # Written to, so the pages are really used and counted against the limit.
                held.append(bytearray(b"x" * (1024 * 1024)))
        body = ("Memory sample from %s, holding %d MB\n" % (os.environ.get("PAAS_PROCESS", "?"), len(held))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Memory).serve_forever()
