"""Sends GET requests through nginx to many apps at once, round robin over their host names, on a few kept-alive
connections per thread, for SECONDS (127.0.0.1 only). A request fails when it gets no answer or a status other than
200. Prints one line: requests, failed, requests per second, p50 and p99 ms, apps answered, and the first failures.

    many_load.py PORT SECONDS HOST...
"""
import http.client, sys, threading, time

port, seconds, hosts = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
threads = 8
deadline = time.monotonic() + seconds
lock = threading.Lock()
latencies, failures, answered = [], [], set()


def client(offset):
    conn, i = None, offset
    while time.monotonic() < deadline:
        host = hosts[i % len(hosts)]
        i += 1
        started = time.monotonic()
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", "/", headers={"Host": host})
            response = conn.getresponse()
            response.read()
            ok, failure = response.status == 200, "%s %s" % (host, response.status)
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            conn = None
            ok, failure = False, "%s %r" % (host, e)
        with lock:
            latencies.append(time.monotonic() - started)
            if ok:
                answered.add(host)
            else:
                failures.append(failure)


began = time.monotonic()
workers = [threading.Thread(target=client, args=(n * len(hosts) // threads,)) for n in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join(seconds + 30)
elapsed = time.monotonic() - began
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
print("requests %d failed %d rps %.0f p50 %.1f ms p99 %.1f ms apps answered %d of %d%s" % (
    len(latencies), len(failures), len(latencies) / elapsed, p(0.5), p(0.99), len(answered), len(hosts),
    ("; first failures: " + ", ".join(failures[:5])) if failures else ""))
