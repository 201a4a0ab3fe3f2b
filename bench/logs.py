"""Measures log delivery through a running platform: see bench/logs."""
import http.client, queue, statistics, subprocess, sys, threading, time, urllib.parse

app, web_url, lines_wanted, marks = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlparse(web_url)
host, port = "127.0.0.1", url.port or 80

arrivals = queue.Queue()
problems = []
follower = subprocess.Popen(["paas", "logs", "-f", "-n", "1", "--source", "app", "-a", app],
                            stdout=subprocess.PIPE, text=True, bufsize=1)


def read():
    for line in follower.stdout:
        arrivals.put((time.monotonic(), line.rstrip("\n")))


threading.Thread(target=read, daemon=True).start()


def get(path):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", path, headers={"Host": url.hostname})
    connection.getresponse().read()
    connection.close()


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            at, line = arrivals.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if predicate(line):
            return at
    return None


try:
    # The follower is connected once a mark comes back; the JVM start is not part of any figure.
    if wait_for(lambda l: True, 30) is None:
        get("/mark?id=warmup")
        wait_for(lambda l: l.endswith("mark warmup"), 30)

    delays = []
    for i in range(marks):
        sent = time.monotonic()
        get("/mark?id=%d" % i)
        seen = wait_for(lambda l, i=i: l.endswith("mark %d" % i), 30)
        if seen is not None:
            delays.append((seen - sent) * 1000)
        time.sleep(0.2)
    if delays:
        print("delay of one line (container print -> paas logs -f), %d samples: median %.0f ms, max %.0f ms"
              % (len(delays), statistics.median(delays), max(delays)))
    if len(delays) < marks:
        problems.append("%d of %d mark lines never arrived within 30 s" % (marks - len(delays), marks))

    get("/burst?n=%d" % lines_wanted)
    first = wait_for(lambda l: " burst 0" in l or " burst " in l, 60)
    count, last, printed = 1, first, ""
    while first is not None and count < lines_wanted:
        try:
            at, line = arrivals.get(timeout=15)
        except queue.Empty:
            break
        if " burst done:" in line:
            printed = line.split("burst done: ", 1)[1]
        elif " burst " in line:
            count, last = count + 1, at
    if not printed and first is not None:
        printed_at = []
        wait_for(lambda l: " burst done:" in l and not printed_at.append(l.split("burst done: ", 1)[1]), 15)
        printed = printed_at[0] if printed_at else ""
    if first is None or last == first:
        problems.append("no burst line arrived")
    else:
        print("throughput: %d of %d lines arrived in %.2fs = %.0f lines/s (the app printed them in %s)"
              % (count, lines_wanted, last - first, (count - 1) / (last - first),
                 printed.split(" in ", 1)[-1] if printed else "?"))
    if follower.poll() is not None:
        problems.append("paas logs -f ended early (exit code %d)" % follower.returncode)
finally:
    follower.terminate()
if problems:
    sys.exit("bench/logs failed: " + "; ".join(problems))
