package dev.paas.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on one app while a fault happens: GET / through the router's nginx every {@link #PAUSE}, each on a new
 * connection, counting the failed ones (no answer, a status other than 200, or a body from a release not
 * accepted). The sample app answers "GREETING from web.N", so a release is known by its greeting. Bounded to
 * {@link #MAX_RUN}; one plain socket per request, so a 2-core box spends next to nothing on it.
 */
final class FaultLoad {

    static final Duration PAUSE = Duration.ofMillis(75);
    private static final Duration MAX_RUN = Duration.ofMinutes(5);
    private static final int TIMEOUT_MS = 3000;

    private final int port;
    private final String host;
    private final Set<String> greetings = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> samples = new ArrayList<>();
    private volatile long faultAt;
    private volatile long lastFailureAt;
    /** The first right answer after the last failure. */
    private volatile long recoveredAt;
    private Thread thread;

    private FaultLoad(int port, String host) {
        this.port = port;
        this.host = host;
    }

    /** Starts the load on {@code app}; a body counts as right when it starts with one of {@code greetings}. */
    static FaultLoad start(SampleApp app, String... greetings) {
        FaultLoad load = new FaultLoad(app.user.cluster.routerPort, app.name + ".localhost");
        load.accept(greetings);
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        load.thread = new Thread(() -> {
            while (load.running.get() && System.nanoTime() < deadline) {
                load.once();
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fault-load");
        load.thread.setDaemon(true);
        load.thread.start();
        return load;
    }

    /** Also counts answers from the release with this greeting as right, e.g. during a rollout to it. */
    void accept(String... more) {
        greetings.addAll(List.of(more));
    }

    /** The fault happens now: recovery is counted from here. */
    void fault() {
        faultAt = System.nanoTime();
    }

    /** System.nanoTime() of the last {@link #fault()}. */
    long faultAt() {
        return faultAt;
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }

    int sent() {
        return sent.get();
    }

    int failed() {
        return failed.get();
    }

    /** The first few failures, e.g. "503 App x has no running web processes". */
    synchronized List<String> samples() {
        return List.copyOf(samples);
    }

    /**
     * Seconds from {@link #fault()} to the first right answer after the last failure; 0 without failures since the
     * fault, NaN when the last answer failed.
     */
    double recoverySeconds() {
        if (lastFailureAt < faultAt || lastFailureAt == 0) {
            return 0;
        }
        return recoveredAt > lastFailureAt ? (recoveredAt - faultAt) / 1e9 : Double.NaN;
    }

    /** The line each fault test prints, the figures of docs/performance.md. */
    String report(String fault, String outcome, double recoverySeconds) {
        return String.format(Locale.ROOT, "FAULT %s | outcome: %s | failed requests: %d/%d | recovery: %.1fs",
                fault, outcome, failed(), sent(), recoverySeconds);
    }

    private void once() {
        sent.incrementAndGet();
        String answer;
        try {
            answer = get();
        } catch (IOException e) {
            answer = "no answer: " + e.getMessage();
        }
        String body = answer.startsWith("200 ") ? answer.substring(4) : null;
        if (body != null && greetings.stream().anyMatch(g -> body.startsWith(g + " from web."))) {
            if (recoveredAt < lastFailureAt) {
                recoveredAt = System.nanoTime();
            }
            return;
        }
        failed.incrementAndGet();
        lastFailureAt = System.nanoTime();
        synchronized (this) {
            if (samples.size() < 10) {
                samples.add(answer.strip());
            }
        }
    }

    /** "STATUS BODY" of one GET / on a new connection. */
    private String get() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || headersEnd < 0) {
                throw new IOException("not an HTTP answer: " + response.lines().findFirst().orElse(""));
            }
            return response.substring(9, 12) + " " + response.substring(headersEnd + 4);
        }
    }
}
