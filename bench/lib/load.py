"""Sends GET requests through nginx to one app, one after another on a few kept-alive connections, until the
stop file appears or the time limit passes (127.0.0.1 only). Prints: requests sent, failed (not 2xx, or no
answer), p99 ms, and how many requests met a kept-alive connection that the server closed before sending any
response (nginx's old workers do that as a reload retires them).

    load.py PORT HOST STOP_FILE SECONDS [--no-retry]

By default such a request is sent again, once, on a new connection: RFC 9110 section 9.2.2 and RFC 9112
section 9.3.1 allow a client to retry an idempotent request when a reused connection closes before any response,
and browsers, curl and HTTP client libraries do. With --no-retry it counts as failed."""
import http.client, os, sys, threading, time

port, host, stop_file, limit = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
retry = "--no-retry" not in sys.argv[5:]
threads = 4
deadline = time.monotonic() + limit
lock = threading.Lock()
latencies, failures = [], []
closed = [0]
# What a reused connection shows when the server closed it before answering: EOF before the status line
# (RemoteDisconnected), or a reset because the request reached a socket the server had already closed.
CLOSED_BEFORE_ANSWER = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def get(conn):
    conn.request("GET", "/", headers={"Host": host})
    response = conn.getresponse()
    response.read()
    return response


def client():
    conn, reused = None, False
    while time.monotonic() < deadline and not os.path.exists(stop_file):
        started = time.monotonic()
        if conn is None:
            conn, reused = http.client.HTTPConnection("127.0.0.1", port, timeout=5), False
        try:
            response = get(conn)
            ok, failure = 200 <= response.status < 300, response.status
            reused = True
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            conn = None
            ok, failure = False, repr(e)
            if reused and isinstance(e, CLOSED_BEFORE_ANSWER):
                with lock:
                    closed[0] += 1
                if retry:
                    conn, reused = http.client.HTTPConnection("127.0.0.1", port, timeout=5), False
                    try:
                        response = get(conn)
                        ok, failure = 200 <= response.status < 300, response.status
                        reused = True
                    except (OSError, http.client.HTTPException) as again:
                        conn.close()
                        conn, failure = None, repr(again)
        with lock:
            latencies.append(time.monotonic() - started)
            if not ok:
                failures.append(failure)


workers = [threading.Thread(target=client) for _ in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
latencies.sort()
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0
print("sent %d failed %d p99 %.1f ms; %d met a kept-alive connection closed before any response (%s)"
      % (len(latencies), len(failures), p99, closed[0],
         "sent again on a new connection" if retry else "counted as failed: --no-retry"))
if failures:
    print("failures (first 10): %s" % failures[:10], file=sys.stderr)
