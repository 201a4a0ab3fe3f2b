package dev.paas.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Load on one app while a fault happens: a background thread sends GET / through the router's nginx every 75 ms,
 * each on a new connection (so no kept-alive connection closed by a reload counts against the platform), and
 * counts the answers that are not 200 or that the caller does not accept (e.g. from the wrong release). Bounded to
 * ten minutes; {@link #stop} gives the figures.
 */
final class LoadProbe {

    private static final Duration EVERY = Duration.ofMillis(75);
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final int TIMEOUT_MS = 5_000;

    /**
     * @param answers      every distinct answer, as "STATUS BODY" ("200 Hello from web.1"), or "error: ..." when
     *                     no answer came
     * @param firstFailure null when nothing failed
     */
    record Result(int total, int failed, Set<String> answers, Instant firstFailure, Instant lastFailure) {

        /** From the first failed request to the last one: how long the app did not serve; 0 when it always did. */
        double failingSeconds() {
            return firstFailure == null ? 0 : Duration.between(firstFailure, lastFailure).toMillis() / 1000.0;
        }

        @Override
        public String toString() {
            return failed + "/" + total + " failed" + (failed == 0 ? "" : String.format(java.util.Locale.ROOT,
                    " over %.1fs", failingSeconds()));
        }
    }

    private final int port;
    private final String host;
    private final AtomicReference<Predicate<String>> accepted;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Set<String> answers = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> firstFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final Thread thread;

    private LoadProbe(int port, String host, Predicate<String> accepted) {
        this.port = port;
        this.host = host;
        this.accepted = new AtomicReference<>(accepted);
        this.thread = new Thread(this::run, "load-" + host);
        this.thread.setDaemon(true);
    }

    /** Load on {@code <app>.localhost}; an answer fails unless it is a 200. */
    static LoadProbe start(Cluster cluster, String app) {
        return start(cluster, app, body -> true);
    }

    /** As {@link #start(Cluster, String)}, and a 200 whose body {@code accepted} refuses fails too. */
    static LoadProbe start(Cluster cluster, String app, Predicate<String> accepted) {
        LoadProbe probe = new LoadProbe(cluster.routerPort, app + ".localhost", accepted);
        probe.thread.start();
        return probe;
    }

    /** Load on {@code <app>.localhost} through the nginx of another router, listening on 127.0.0.1:{@code port}. */
    static LoadProbe through(int port, String app) {
        LoadProbe probe = new LoadProbe(port, app + ".localhost", body -> true);
        probe.thread.start();
        return probe;
    }

    /** Changes which bodies count as right from now on, e.g. once a new release has served. */
    void accept(Predicate<String> bodies) {
        accepted.set(bodies);
    }

    Result stop() throws InterruptedException {
        running.set(false);
        thread.join(TIMEOUT_MS * 2L);
        return new Result(total.get(), failed.get(), Set.copyOf(answers), firstFailure.get(), lastFailure.get());
    }

    private void run() {
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            long began = System.nanoTime();
            String answer = get();
            total.incrementAndGet();
            answers.add(answer);
            if (!answer.startsWith("200 ") || !accepted.get().test(answer.substring(4))) {
                failed.incrementAndGet();
                Instant now = Instant.now();
                firstFailure.compareAndSet(null, now);
                lastFailure.set(now);
            }
            long left = EVERY.toMillis() - (System.nanoTime() - began) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One HTTP/1.0 GET: the status code and the body's first line, e.g. "200 Hello from web.1". */
    private String get() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            String[] statusLine = response.split("\r\n", 2)[0].split(" ");
            int bodyAt = response.indexOf("\r\n\r\n");
            String body = bodyAt < 0 ? "" : response.substring(bodyAt + 4).strip().lines().findFirst().orElse("");
            return (statusLine.length > 1 ? statusLine[1] : "?") + " " + body;
        } catch (IOException e) {
            return "error: " + e.getMessage();
        }
    }
}
