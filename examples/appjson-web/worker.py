import time

for n in range(1_000_000):
    print("worker tick %d" % n, flush=True)
    time.sleep(5)
