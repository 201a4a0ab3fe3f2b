"""Watches one app through nginx while a push runs (127.0.0.1 only): a GET every 50 ms, each on a new connection
(as curl in a loop would, but in one process: forking curl 40 times a second took a noticeable share of a 2-core
machine's CPU from the build being measured). Waits until the body shows MARKER, then goes on LINGER seconds (the
old release drains after the switch; failures then count too), and gives up LIMIT seconds after START.

    watch.py PORT HOST MARKER START LINGER LIMIT

START is the Unix time the push started. Prints: seconds from START to the first answer showing MARKER ("timeout"
if none came), and how many answers were not 200 or did not come (a 404 before a new app's first release counts
too: the caller decides which pushes' failures it counts)."""
import http.client, sys, time

port, host, marker = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
start, linger, limit = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
served, failed = None, 0
while time.time() < start + limit and (served is None or time.time() < served + linger):
    asked = time.time()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/", headers={"Host": host})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            failed += 1
        elif served is None and marker in body:
            served = time.time()
    except (OSError, http.client.HTTPException):
        failed += 1
    finally:
        conn.close()
    time.sleep(max(0.0, 0.05 - (time.time() - asked)))
print("timeout" if served is None else "%.2f" % (served - start), failed)
