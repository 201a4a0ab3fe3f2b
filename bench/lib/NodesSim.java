import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/nodes' simulated node-agents: N of them in this one process, each doing what the real agent does against
 * the controller (register with the node token, then hold the desired-state long poll with wait=25, report its
 * containers as up at once after each change, and report at least every 5 s as its heartbeat), on a handful of
 * threads: one asynchronous JDK HTTP client for all agents, whose kept-alive connections are reused (about one per
 * agent for its poll, plus the few short calls in flight: registrations and reports go through a bound,
 * {@link Limiter}, as N real agents are N hosts that never all call in the same millisecond). The user's calls have
 * a client of their own. Then it measures, printing each phase's time:
 * <ol>
 *   <li>GET /v1/apps as a user while they run: median and p99 latency;</li>
 *   <li>fan-out: a scale of app "wide" to one container per node, then config:set rollouts of it; for each, the
 *       seconds from the request until every agent got its container of the new release (p50, p99);</li>
 *   <li>the controller's CPU (share of one core) and resident memory, from /proc of its pid.</li>
 * </ol>
 * A few agents also run the containers of app "few" (5 web containers) from the start. Only the JDK: run it with
 * {@code java bench/lib/NodesSim.java URL NODE_TOKEN ADMIN_PASSWORD N PID}.
 */
public class NodesSim {

    static {
        // the client's idle connections stay open (JDK 17's default is 1,200 s; later JDKs close them after 30 s)
        System.setProperty("jdk.httpclient.keepalive.timeout", "600");
    }

    static final int LONG_POLL = 25;
    /** The longest a fan-out is waited for (on a controller that cannot keep up, the figures say so). */
    static final Duration FANOUT_LIMIT = Duration.ofSeconds(120);
    /** The most containers a scale gives one process type. */
    static final int WIDE_PER_TYPE = 100;
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** The real agent's timeout of a call (a long poll's is this plus its wait). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REGISTRATION_LIMIT = Duration.ofSeconds(300);
    /** Registrations in flight at once: N agents starting together is a burst no real cluster sees. */
    static final int REGISTERING = 8;
    /** Reports in flight at once, across all agents. */
    static final int REPORTING = 64;
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(-?\\d+)");
    static final Pattern CREDENTIAL = Pattern.compile("\"credential\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    // a container's name: app.vRELEASE.type.index
    static final Pattern CONTAINER = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9-]+)\\.v(\\d+)\\.([a-z0-9_-]+)\\.(\\d+)\"");

    final String base;
    final String nodeToken;
    final int n;
    final long pid;
    final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    /** The agents' one client: its connections are kept open and reused (one per call in flight, no more). */
    final HttpClient http;
    /** The user's own client, as a user's CLI would be: its latency is not queued behind the agents' traffic. */
    final HttpClient user = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    final Limiter registrations = new Limiter(REGISTERING);
    final Limiter reports = new Limiter(REPORTING);
    final AtomicLong failed = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong userFailed = new AtomicLong();
    final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    final List<Agent> agents = new ArrayList<>();
    // release of app "wide" -> the names of its containers that reached an agent
    final Map<Integer, Set<String>> wideSeen = new ConcurrentHashMap<>();
    volatile boolean running = true;
    String token;

    NodesSim(String base, String nodeToken, int n, long pid) {
        this.base = base;
        this.nodeToken = nodeToken;
        this.n = n;
        this.pid = pid;
        this.http = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: NodesSim URL NODE_TOKEN ADMIN_PASSWORD N CONTROLLER_PID");
            System.exit(2);
        }
        NodesSim sim = new NodesSim(args[0].replaceAll("/+$", ""), args[1], Integer.parseInt(args[3]),
                Long.parseLong(args[4]));
        try {
            sim.run(args[2]);
        } finally {
            sim.running = false;
            sim.timers.shutdownNow();
            sim.callbacks.shutdownNow();
        }
        System.exit(0);
    }

    void run(String adminPassword) throws Exception {
        long t0 = System.nanoTime();
        token = match(TOKEN, call("POST", "/v1/login", null,
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}", 200));
        phase("login", t0);

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            agents.add(new Agent(String.format("sim-%04d", i), 20000 + (i % 40) * 1000));
        }
        agents.forEach(Agent::register);
        // one timer for all agents' heartbeats; an exception would end a periodic task silently, so none escapes
        timers.scheduleWithFixedDelay(() -> agents.forEach(agent -> {
            try {
                agent.heartbeat();
            } catch (RuntimeException e) {
                fail("heartbeat " + e.getClass().getSimpleName());
            }
        }), 1, 1, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + REGISTRATION_LIMIT.toNanos();
        while (agents.stream().anyMatch(a -> !a.polling) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        phase(agents.stream().filter(a -> a.polling).count() + " of " + n + " agents registered and polling", t0);
        result("registered_s", (System.nanoTime() - t0) / 1e9);

        // a few agents with containers: app "few", scaled to 5 (the scale answers once all five are reported up)
        t0 = System.nanoTime();
        try {
            call("POST", "/v1/apps/few/scale", token, "{\"counts\":{\"web\":5}}", 200);
            phase("app few: 5 containers up on simulated agents", t0);
        } catch (RuntimeException e) {
            phase("app few: the scale failed (" + e.getMessage() + ")", t0);
        }

        Thread.sleep(10_000); // every agent through its first heartbeats
        Cpu cpu = Cpu.of(pid);
        t0 = System.nanoTime();
        List<Double> latencies = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end && latencies.size() < 2000) {
            long began = System.nanoTime();
            try {
                call("GET", "/v1/apps", token, null, 200);
            } catch (RuntimeException e) {
                System.out.println("  GET /v1/apps failed: " + e.getMessage());
            }
            latencies.add((System.nanoTime() - began) / 1e6);
            Thread.sleep(50);
        }
        Cpu after = Cpu.of(pid);
        phase("GET /v1/apps x" + latencies.size(), t0);
        result("api_p50_ms", pct(latencies, 50));
        result("api_p99_ms", pct(latencies, 99));
        result("steady_cpu_pct", after.percentSince(cpu));
        result("steady_rss_mb", after.rssMb());

        // fan-out to every agent: the scale, then config:set rollouts of app "wide"
        List<Double> fanouts = new ArrayList<>();
        cpu = Cpu.of(pid);
        t0 = System.nanoTime();
        String counts = wideCounts(n);
        fanout("scale wide " + counts, 1, () -> call("POST", "/v1/apps/wide/scale", token,
                "{\"counts\":" + counts + "}", 200), fanouts, "scale");
        for (int round = 1; round <= 2; round++) {
            int release = 1 + round;
            String body = "{\"set\":{\"ROUND\":\"" + round + "\"}}";
            fanout("config:set wide (v" + release + ")", release, () -> call("POST", "/v1/apps/wide/config", token,
                    body, 200), fanouts, "config" + round);
        }
        after = Cpu.of(pid);
        phase("fan-outs", t0);
        result("fanout_cpu_pct", after.percentSince(cpu));
        result("fanout_rss_mb", after.rssMb());
        result("agent_requests", requests.get());
        result("agent_failed", failed.get());
        result("user_failed", userFailed.get());
        result("sim_report_queue_max_s", reports.longestWait / 1e9);
        failures.forEach((what, count) -> System.out.println("  failed: " + count + " x " + what));
    }

    /**
     * One container of "wide" per agent, spread over its process types (web, p1 ... p49; bench/nodes gives its build
     * them), as a scale allows at most 100 containers per type.
     */
    static String wideCounts(int n) {
        StringBuilder counts = new StringBuilder("{");
        for (int type = 0, left = n; left > 0; type++, left -= WIDE_PER_TYPE) {
            counts.append(type == 0 ? "" : ",").append('"').append(type == 0 ? "web" : "p" + type).append("\":")
                    .append(Math.min(WIDE_PER_TYPE, left));
        }
        return counts.append('}').toString();
    }

    /**
     * Starts {@code change} and waits until it answered and the agents got all N containers of "wide" of
     * {@code release}; the figures are, per agent that got one, when it got its first.
     */
    void fanout(String what, int release, Runnable change, List<Double> all, String key) throws Exception {
        long started = System.nanoTime();
        Thread request = new Thread(() -> {
            try {
                change.run();
            } catch (RuntimeException e) {
                System.out.println("  " + what + " failed: " + e.getMessage());
            }
        });
        request.setDaemon(true);
        request.start();
        long deadline = started + FANOUT_LIMIT.toNanos();
        int reached = 0;
        while (System.nanoTime() < deadline) {
            reached = (int) agents.stream().filter(a -> a.reached.containsKey(release)).count();
            if (!request.isAlive() && wideSeen.getOrDefault(release, Set.of()).size() >= n) {
                break;
            }
            Thread.sleep(20);
        }
        List<Double> seconds = new ArrayList<>();
        agents.forEach(a -> {
            Long at = a.reached.get(release);
            if (at != null) {
                seconds.add((at - started) / 1e9);
            }
        });
        phase(what + ": " + reached + " agents got it" + (request.isAlive() ? " (no answer yet)" : ""), started);
        result("fanout_" + key + "_p50_s", pct(seconds, 50));
        result("fanout_" + key + "_p99_s", pct(seconds, 99));
        result("fanout_" + key + "_max_s", pct(seconds, 100));
        all.addAll(seconds);
    }

    /**
     * Bounds the agents' short calls (registrations, reports) in flight at once; the rest queue here, in order, with
     * no thread waiting. Without it a burst (every agent reporting after a rollout) would open a connection per call.
     */
    static final class Limiter {
        private final int max;
        private final ArrayDeque<Supplier<CompletableFuture<?>>> queue = new ArrayDeque<>();
        private final ArrayDeque<Long> queuedAt = new ArrayDeque<>();
        private int inFlight;
        /** The longest a call waited here, in nanoseconds: time the controller never saw. */
        volatile long longestWait;

        Limiter(int max) {
            this.max = max;
        }

        void submit(Supplier<CompletableFuture<?>> call) {
            synchronized (this) {
                if (inFlight >= max) {
                    queue.add(call);
                    queuedAt.add(System.nanoTime());
                    return;
                }
                inFlight++;
            }
            start(call);
        }

        private void start(Supplier<CompletableFuture<?>> call) {
            CompletableFuture<?> running;
            try {
                running = call.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((r, e) -> next());
        }

        private void next() {
            Supplier<CompletableFuture<?>> next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    inFlight--;
                    return;
                }
                longestWait = Math.max(longestWait, System.nanoTime() - queuedAt.poll());
            }
            start(next);
        }
    }

    /**
     * One simulated node-agent, doing what the real one does (node-agent's ControllerClient, AgentLoop, Reporter):
     * registers with the node token (again after a refusal, as a restarted agent retries), holds one desired-state
     * long poll at a time, and has at most one report in flight (a report asked for meanwhile is sent after it).
     * No thread of its own: only callbacks of the shared client.
     */
    final class Agent {
        final String name;
        final int firstPort;
        volatile String credential;
        volatile boolean polling;
        volatile long since = -1;
        volatile String reported = "";
        volatile long lastReport;
        private boolean reporting;
        private boolean reportAgain;
        // release of app "wide" -> when this agent first saw a container of it
        final Map<Integer, Long> reached = new ConcurrentHashMap<>();
        // container name -> host port
        final Map<String, Integer> ports = new TreeMap<>();

        Agent(String name, int firstPort) {
            this.name = name;
            this.firstPort = firstPort;
        }

        void register() {
            String body = "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"capacityMb\":65536,\"firstPort\":"
                    + firstPort + ",\"lastPort\":" + (firstPort + 999) + "}";
            registrations.submit(() -> send(HttpRequest.newBuilder(URI.create(base + "/v1/nodes/register"))
                    .header("Authorization", "Bearer " + nodeToken).header("Content-Type", "application/json")
                    .timeout(CALL_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200, "register")
                    .whenComplete((answer, error) -> {
                        if (error != null) {
                            timers.schedule(this::register, 1, TimeUnit.SECONDS);
                            return;
                        }
                        credential = match(CREDENTIAL, answer);
                        lastReport = System.nanoTime();
                        poll(0);
                    }));
        }

        void poll(int wait) {
            if (!running) {
                return;
            }
            send(HttpRequest.newBuilder(URI.create(base + "/v1/nodes/" + name + "/desired?since=" + since + "&wait="
                            + wait)).header("Authorization", "Bearer " + credential)
                    .timeout(CALL_TIMEOUT.plusSeconds(wait)).GET().build(), 200, "desired")
                    .whenComplete((answer, error) -> {
                        if (error != null) {
                            timers.schedule(() -> poll(LONG_POLL), 1, TimeUnit.SECONDS);
                            return;
                        }
                        polling = true;
                        try {
                            desired(answer);
                        } catch (RuntimeException e) {
                            fail("desired unreadable " + e.getClass().getSimpleName());
                        }
                        poll(LONG_POLL);
                    });
        }

        /** The desired state arrived: "start" what is new (up at once, on a port of its own) and report. */
        void desired(String body) {
            long now = System.nanoTime();
            since = Long.parseLong(match(VERSION, body));
            Map<String, Integer> wanted = new TreeMap<>();
            Matcher m = CONTAINER.matcher(body);
            while (m.find()) {
                String container = m.group(1) + ".v" + m.group(2) + "." + m.group(3) + "." + m.group(4);
                if (m.group(1).equals("wide")) {
                    int release = Integer.parseInt(m.group(2));
                    reached.putIfAbsent(release, now);
                    wideSeen.computeIfAbsent(release, r -> ConcurrentHashMap.newKeySet()).add(container);
                }
                wanted.put(container, null);
            }
            synchronized (ports) {
                ports.keySet().retainAll(wanted.keySet());
                for (String container : wanted.keySet()) {
                    if (!ports.containsKey(container)) {
                        ports.put(container, freePort());
                    }
                }
            }
            report(false);
        }

        private int freePort() {
            for (int port = firstPort; port < firstPort + 1000; port++) {
                if (!ports.containsValue(port)) {
                    return port;
                }
            }
            throw new IllegalStateException("no port left on " + name);
        }

        /** The real agent's Reporter: a report when nothing was sent for the heartbeat period. */
        void heartbeat() {
            if (polling && System.nanoTime() - lastReport >= HEARTBEAT.toNanos()) {
                report(true);
            }
        }

        void report(boolean always) {
            synchronized (this) {
                if (reporting) {
                    reportAgain = true;
                    return;
                }
                reporting = true;
            }
            if (!always && seen().equals(reported)) {
                reported();
                return;
            }
            // what it sees when the report is sent (after its turn in the queue), as the real agent reports then
            reports.submit(() -> {
                String json = seen();
                reported = json;
                lastReport = System.nanoTime();
                return send(HttpRequest.newBuilder(URI.create(base + "/v1/nodes/" + name + "/observed"))
                        .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                        .timeout(CALL_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(json)).build(), 204, "observed")
                        .whenComplete((answer, error) -> {
                            if (error != null) {
                                reported = ""; // sent again at the next heartbeat check, as the agent's next step would
                            }
                            reported();
                        });
            });
        }

        /** The report of what it runs: every container it was given, up. */
        private String seen() {
            StringBuilder body = new StringBuilder("{\"containers\":[");
            synchronized (ports) {
                boolean first = true;
                for (Map.Entry<String, Integer> c : ports.entrySet()) {
                    body.append(first ? "" : ",").append("{\"name\":\"").append(c.getKey())
                            .append("\",\"dockerId\":\"sim\",\"state\":\"up\",\"hostPort\":").append(c.getValue()).append('}');
                    first = false;
                }
            }
            return body.append("]}").toString();
        }

        private void reported() {
            boolean again;
            synchronized (this) {
                reporting = false;
                again = reportAgain;
                reportAgain = false;
            }
            if (again) {
                report(false);
            }
        }
    }

    /** An agent's call on the shared client: the body of an answer with {@code status}, or a counted failure. */
    CompletableFuture<String> send(HttpRequest request, int status, String what) {
        requests.incrementAndGet();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null || response.statusCode() != status) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                fail(what + " " + (cause != null ? cause.getClass().getSimpleName() : response.statusCode()));
                throw new CompletionException(cause != null ? cause
                        : new IllegalStateException(what + " answered " + response.statusCode()));
            }
            return response.body();
        });
    }

    void fail(String what) {
        failed.incrementAndGet();
        failures.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** A user's call (login, GET /v1/apps, a scale, a config:set) on the user's client. */
    String call(String method, String path, String bearer, String body, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = user.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                userFailed.incrementAndGet();
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            userFailed.incrementAndGet();
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }

    static void phase(String what, long began) {
        System.out.printf("phase  %-55s %8.1f s%n", what, (System.nanoTime() - began) / 1e9);
    }

    static void result(String key, double value) {
        System.out.printf("result %s %.3f%n", key, value);
    }

    static double pct(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The controller's CPU seconds and resident memory, from /proc. */
    record Cpu(long at, double cpuSeconds, double rssMb) {
        static Cpu of(long pid) throws IOException {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
            // fields 14 and 15 (utime, stime) are 11 and 12 after the command; clock ticks of 1/100 s on Linux
            double cpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
            Map<String, String> status = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    status.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            double rss = Long.parseLong(status.getOrDefault("VmRSS", "0 kB").split(" ")[0]) / 1024.0;
            return new Cpu(System.nanoTime(), cpu, rss);
        }

        double percentSince(Cpu before) {
            return 100 * (cpuSeconds - before.cpuSeconds) / ((at - before.at) / 1e9);
        }
    }
}
