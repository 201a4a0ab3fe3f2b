package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * bench/router (not a test: failsafe runs it only when named). The router's tax on the Node.js sample
 * (examples/node-express) on a platform of its own: wrk against the same container answered directly (its bridge
 * address and port), through the router as it routes now (the bridge address, route.Reach), through a second router
 * asking for published ports only ({@code --direct false}: the path every router took before, through docker-proxy
 * while dockerd's userland proxy is on), and on the published port without nginx. Rows alternate, ROUNDS times
 * each, so a load that drifts weighs on all; prints each round, then medians, ratios to direct and the load average.
 * HTTPS through the same router is a row of its own: the bench sets a platform certificate (a test CA's, for
 * {@code localhost} and {@code *.localhost}, as deploy/up sets a self-signed one) and wrk connects to
 * {@code https://<app>.localhost:<https port>/}, so the TLS server name it sends is the app's default name; a small
 * wrk script ({@link #AT_LOOPBACK}) connects to 127.0.0.1 for that name.
 */
class RouterBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    /**
     * wrk sends the URL's host as the TLS server name and connects to what that host resolves to; {@code *.localhost}
     * does not resolve on this host (no /etc/hosts entry, no systemd-resolved), so the script connects to 127.0.0.1.
     */
    private static final String AT_LOOPBACK = """
            local resolve = wrk.resolve
            function wrk.resolve(host, service)
               resolve("127.0.0.1", service)
            end
            """;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: (.*)");

    /** {@code host}: the Host header, or null for the URL's; {@code script}: a wrk Lua script, or null. */
    private record Target(String name, String url, String host, Path script) {

        Target(String name, String url, String host) {
            this(name, url, host, null);
        }
    }

    private record Run(double rps, double p99Ms, String errors) {
    }

    @Test
    void routerAgainstTheContainerDirectly() throws Exception {
        try (Cluster cluster = Cluster.started(1, Map.of())) {
            User user = User.loggedIn(cluster);
            String app = "rbench-" + Long.toHexString(System.nanoTime() & 0xffffff);
            Path dir = user.checkout("node-express", app);
            Shell.Result push = Shell.timed("RouterBench: node-express push", () -> user.push(dir));
            assertThat(push.exit()).as(push.all()).isZero();
            int publishedOnly = Cluster.freePort();
            cluster.startRouter("published", publishedOnly, "--direct", "false");
            String host = app + ".localhost";

            String id = Shell.ok(dir, Map.of(), "docker", "ps", "-q", "--filter", "label=paas.app=" + app,
                    "--filter", "label=paas.process=web").out().strip();
            String ip = docker(dir, "{{(index .NetworkSettings.Networks \"paas-apps\").IPAddress}}", id);
            String port = docker(dir, "{{index .Config.Labels \"paas.port\"}}", id);
            String hostPort = docker(dir, "{{index .Config.Labels \"paas.host-port\"}}", id);
            String backends = Files.readString(cluster.nginxDir.resolve("backends.table"));
            Wait.until(java.time.Duration.ofSeconds(60), () -> "200".equals(status(dir, publishedOnly, host)));

            List<Target> targets = new ArrayList<>(List.of(
                    new Target("direct (container " + ip + ":" + port + ")", "http://" + ip + ":" + port + "/", null),
                    new Target("router, bridge address (now)", "http://127.0.0.1:" + cluster.routerPort + "/", host),
                    new Target("router, published port (before)", "http://127.0.0.1:" + publishedOnly + "/", host),
                    new Target("published port, no nginx", "http://127.0.0.1:" + hostPort + "/", null)));
            targets.add(httpsTarget(user, host, cluster.routerHttpsPort));
            System.out.printf(Locale.ROOT, "RouterBench: %s; router backends: %s; docker-proxy processes: %d%n",
                    app, backends.lines().filter(l -> l.startsWith("app " + app)).findFirst().orElse("?"),
                    dockerProxies());
            for (Target target : targets) {
                wrk(dir, target, 2);
            }
            Map<Target, List<Run>> runs = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Target target : targets) {
                    Run run = wrk(dir, target, SECONDS);
                    runs.computeIfAbsent(target, t -> new ArrayList<>()).add(run);
                    System.out.printf(Locale.ROOT, "RouterBench: round %d %-36s %8.0f req/s  p99 %6.2f ms%s  load %s%n",
                            round, target.name(), run.rps(), run.p99Ms(), run.errors(), load());
                }
            }
            report(runs, targets);
        }
    }

    /**
     * Sets the platform's certificate (the admin's {@code paas certs:platform:set}), waits until the router answers
     * the app's default name over HTTPS, and returns that row: the router's HTTPS listener, SNI and Host the app's
     * name, the connections kept alive as wrk does.
     */
    private static Target httpsTarget(User admin, String host, int httpsPort) {
        Path[] platform = TestCa.create(admin.work.resolve("ca")).issue("platform", "localhost", "*.localhost");
        Shell.Result set = admin.paas(admin.work, null, "certs:platform:set", platform[0].toString(),
                platform[1].toString());
        assertThat(set.exit()).as(set.all()).isZero();
        String url = "https://" + host + ":" + httpsPort + "/";
        // -k: curl refuses a wildcard right under a top-level name (*.localhost). The name still goes out as SNI, and
        // the router refuses the handshake for a name it has no certificate for, so a 200 means the platform's served.
        Wait.until(java.time.Duration.ofSeconds(60), () -> "200".equals(Shell.run(admin.work, Map.of(), "curl", "-sk",
                "--resolve",
                host + ":" + httpsPort + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                url).out()));
        try {
            Path script = Files.writeString(admin.work.resolve("at-loopback.lua"), AT_LOOPBACK);
            return new Target("router, https (same router, TLS)", url, host, script);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void report(Map<Target, List<Run>> runs, List<Target> targets) throws Exception {
        double direct = median(runs.get(targets.get(0)).stream().map(Run::rps).toList());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| path (%d rounds of %d s, wrk -t2 -c%d) | req/s (median) | p99 ms (median) | ratio to direct |%n"
                        + "|---|---|---|---|%n", ROUNDS, SECONDS, CONNECTIONS));
        for (Target target : targets) {
            double rps = median(runs.get(target).stream().map(Run::rps).toList());
            double p99 = median(runs.get(target).stream().map(Run::p99Ms).toList());
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f |%n", target.name(), rps, p99,
                    rps / direct));
        }
        // The HTTPS row is the last; its cost over plain HTTP through the same router is the TLS alone.
        double routerHttp = median(runs.get(targets.get(1)).stream().map(Run::rps).toList());
        double routerHttps = median(runs.get(targets.get(targets.size() - 1)).stream().map(Run::rps).toList());
        table.append(String.format(Locale.ROOT, "router https / router http (req/s): %.2f%n", routerHttps / routerHttp));
        table.append("load average at the end: ").append(load()).append('\n');
        System.out.println("RouterBench results:" + table);
    }

    private static Run wrk(Path dir, Target target, int seconds) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--latency"));
        if (target.host() != null) {
            command.addAll(List.of("-H", "Host: " + target.host()));
        }
        if (target.script() != null) {
            command.addAll(List.of("-s", target.script().toString()));
        }
        command.add(target.url());
        Shell.Result result = Shell.ok(dir, Map.of(), command.toArray(String[]::new));
        Matcher rps = RPS.matcher(result.out());
        Matcher p99 = P99.matcher(result.out());
        assertThat(rps.find() && p99.find()).as(result.all()).isTrue();
        double value = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        Matcher errors = ERRORS.matcher(result.out());
        StringBuilder failed = new StringBuilder();
        while (errors.find()) {
            failed.append("  ").append(errors.group().strip());
        }
        return new Run(Double.parseDouble(rps.group(1)), ms, failed.toString());
    }

    private static String status(Path dir, int port, String host) {
        return Shell.run(dir, Map.of(), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                "-H", "Host: " + host, "http://127.0.0.1:" + port + "/").out();
    }

    private static String docker(Path dir, String format, String id) {
        return Shell.ok(dir, Map.of(), "docker", "inspect", "-f", format, id).out().strip();
    }

    private static long dockerProxies() throws Exception {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).strip().equals("docker-proxy");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
