"""Sends GET requests through nginx to one app, one after another on a few threads, until the stop file
appears or the time limit passes (127.0.0.1 only). Prints: requests sent, failed (not 2xx, or no answer even on
a fresh connection), p99 ms, and how many requests met a kept-alive connection that nginx closed as it reloaded;
those are sent again once on a new connection, as browsers and HTTP clients do for a GET."""
import http.client, os, sys, threading, time

port, host, stop_file, limit = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
threads = 4
deadline = time.monotonic() + limit
lock = threading.Lock()
latencies, failures = [], []
resent = [0]


def client():
    conn = None
    while time.monotonic() < deadline and not os.path.exists(stop_file):
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers={"Host": host})
            response = conn.getresponse()
            response.read()
            ok = 200 <= response.status < 300
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            reused = conn is not None and isinstance(e, (http.client.RemoteDisconnected, ConnectionResetError))
            conn = None
            ok, response = False, e
            if reused:
                with lock:
                    resent[0] += 1
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/", headers={"Host": host})
                    response = conn.getresponse()
                    response.read()
                    ok = 200 <= response.status < 300
                except (OSError, http.client.HTTPException) as again:
                    conn, response = None, again
        with lock:
            latencies.append(time.monotonic() - started)
            if not ok:
                failures.append(getattr(response, "status", repr(response)))


workers = [threading.Thread(target=client) for _ in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
latencies.sort()
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0
print("sent %d failed %d p99 %.1f ms (%d met a connection closed by an nginx reload and were sent again)"
      % (len(latencies), len(failures), p99, resent[0]))
if failures:
    print("failures (first 10): %s" % failures[:10], file=sys.stderr)
