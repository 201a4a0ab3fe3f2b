# The app bench/logs deploys: /burst?n=N prints N lines as fast as Python can, /mark?id=X prints one line.
import http.server, os, sys, threading, time, urllib.parse


def burst(n):
    started = time.time()
    write = sys.stdout.write
    for i in range(n):
        write("burst %d\n" % i)
    sys.stdout.flush()
    print("burst done: %d lines printed in %.3fs" % (n, time.time() - started), flush=True)


class Bench(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/burst":
            threading.Thread(target=burst, args=(int(query["n"][0]),)).start()
        elif url.path == "/mark":
            print("mark " + query["id"][0], flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "3")
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Bench).serve_forever()
