"""Counts visits in the Redis add-on attached as REDIS_URL ('paas addons:create redis').

GET / records a visit (INCR) and answers "visits: N"; GET /count only reads it. Redis's protocol (RESP) is spoken
by hand with the standard library, since PyPI is not reachable from this cluster. A Redis that cannot be reached
answers 503 with the reason.
"""
import http.server
import os
import socket
import urllib.parse


def command(*args):
    """Sends one command on a new connection (after AUTH with the URL's user and password); returns the reply."""
    url = urllib.parse.urlsplit(os.environ.get("REDIS_URL", ""))
    if not url.hostname:
        raise OSError("REDIS_URL is not set")
    with socket.create_connection((url.hostname, url.port or 6379), timeout=4) as conn:
        stream = conn.makefile("rwb")
        if url.password:
            auth = [urllib.parse.unquote(url.username or "default"), urllib.parse.unquote(url.password)]
            send(stream, "AUTH", *auth)
            read(stream)
        send(stream, *args)
        return read(stream)


def send(stream, *args):
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    stream.write(b"".join(parts))
    stream.flush()


def read(stream):
    line = stream.readline()
    if not line:
        raise OSError("connection closed")
    kind, rest = line[:1], line[1:-2]
    if kind == b"-":
        raise OSError(rest.decode())
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        return None if size < 0 else stream.read(size + 2)[:-2].decode()
    return rest.decode()


class Visits(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path not in ("/", "/count"):
            self.answer(404, "not found\n")
            return
        try:
            n = command("INCR", "visits") if self.path == "/" else int(command("GET", "visits") or 0)
            self.answer(200, "visits: %d\n" % n)
        except (OSError, ValueError) as e:
            self.answer(503, "redis unavailable: %s\n" % e)

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Visits).serve_forever()
