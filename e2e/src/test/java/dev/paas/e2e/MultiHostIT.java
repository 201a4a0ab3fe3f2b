package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A cluster across hosts, as README's "More nodes" sets one up: the controller and the registry (TLS with the
 * platform CA, and a login) on this machine's address on the test network, two {@link TestHost}s each running a
 * node-agent that joined with a join token and pulls app images from that registry into its own dockerd, and a
 * router on this machine reaching their containers on the hosts' addresses. An app scaled across both hosts is
 * served by both, and its containers on both reach the Redis add-on attached to it, which runs on one of them; then
 * one host is lost (agent killed, dockerd stopped) and its containers are placed on the other
 * while a {@link LoadProbe} keeps sending requests. Each phase's time and the failed requests are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): three dockerds in network namespaces load the machine on their own; it counts failed requests
class MultiHostIT {

    private static final Path LOGS = Cluster.ROOT.resolve("e2e/target/e2e-logs");

    SecuredRegistry registry;
    Cluster cluster;
    final List<TestHost> hosts = new ArrayList<>();
    User admin;
    SampleApp app;
    /** The controller as the test hosts reach it. */
    String controller;
    /** The router that joined with a proxy token over TLS; the load goes through it. */
    Process router;
    final int routerPort = Cluster.freePort();
    private long phaseStarted = System.nanoTime();

    @BeforeAll
    void start() throws Exception {
        registry = SecuredRegistry.start(LOGS);
        phase("registry with TLS and login on " + registry.address);
        Map<String, String> env = new HashMap<>();
        env.put("PAAS_REGISTRY", registry.address);
        env.put("PAAS_REGISTRY_CREDENTIALS", registry.credentials().toString());
        env.put("PAAS_REGISTRY_CA", registry.ca().toString());
        // HTTPS with the platform CA's certificate on the test network; plain HTTP on loopback for this host's cli.
        env.put("SERVER_ADDRESS", TestHost.GATEWAY);
        env.put("SERVER_SSL_CERTIFICATE", "file:" + registry.secrets.resolve("server.crt"));
        env.put("SERVER_SSL_CERTIFICATE_PRIVATE_KEY", "file:" + registry.secrets.resolve("server.key"));
        env.put("PAAS_LOOPBACK_HTTP", "true");
        // The first image on a fresh registry uploads the stack's layers too, and each host pulls them once.
        env.put("PAAS_DEPLOY_TIMEOUT", "180s");
        env.put("PAAS_ROLLOUT_TIMEOUT", "180s");
        // The agents' --addon-ports default; apart from their app ports (20000-20199), which apps may not reach.
        env.put("PAAS_ADDONS_PORTS", "19000-19099");
        // The test hosts come up while the controller starts.
        CompletableFuture<List<TestHost>> made = CompletableFuture.supplyAsync(() -> {
            List<TestHost> started = new ArrayList<>();
            try {
                for (int number : List.of(2, 3)) {
                    started.add(TestHost.start(number, LOGS));
                }
                return started;
            } catch (Exception e) {
                started.forEach(MultiHostIT::closeQuietly);
                throw new IllegalStateException("test hosts: " + e.getMessage(), e);
            }
        });
        try {
            cluster = Cluster.started(0, env);
        } finally {
            hosts.addAll(made.join());
        }
        controller = "https://" + TestHost.GATEWAY + ":" + cluster.apiPort;
        phase("controller and router, and two test hosts with their own dockerd");
        admin = User.loggedIn(cluster);
    }

    @AfterAll
    void stop() throws Exception {
        if (router != null) {
            router.destroy();
            router.waitFor(10, TimeUnit.SECONDS);
        }
        for (TestHost host : hosts) {
            host.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void theRegistryRefusesAClientWithoutCredentials() {
        assertThat(registry.status(false)).isEqualTo(401);
        assertThat(registry.status(true)).isEqualTo(200);
        // A host's Docker that trusts the CA but has no login may not even look.
        Shell.Result pull = hosts.get(0).docker("pull", registry.address + "/paas/stack-run:bookworm");
        assertThat(pull.exit()).isNotZero();
        assertThat(pull.all()).contains("no basic auth credentials");
    }

    @Test
    @Order(2)
    void nodeAgentsOnTwoHostsJoinWithAJoinToken() throws Exception {
        Path work = Files.createTempDirectory("paas-e2e-multihost");
        String token = admin.paas(work, null, "formations:token", "default", "--layer", "runtime").out().strip();
        assertThat(token).startsWith("pjt_");
        for (TestHost host : hosts) {
            // README's command for a new host, with the files an admin copies there.
            host.spawn("node-agent-" + host.name, Cluster.java("node-agent", "--name", host.name, "--address", host.address,
                    "--controller", controller, "--ports", "20000-20199",
                    "--controller-ca", registry.ca().toString(),
                    "--registry-credentials", registry.credentials().toString()),
                    Map.of("PAAS_JOIN_TOKEN", token));
        }
        Wait.until(Duration.ofSeconds(120), () -> upNodes(work).containsAll(names()));
        phase("node-agents joined on both hosts");
    }

    @Test
    @Order(3)
    void aRouterJoinsOverTlsAndAClientWithoutTheCaIsRefused() throws Exception {
        Path work = Files.createTempDirectory("paas-e2e-multihost");
        String token = admin.paas(work, null, "formations:token", "default", "--layer", "proxy").out().strip();
        router = Shell.spawn(Cluster.java("router", "--name", "edge-tls", "--controller", controller, "--controller-ca", registry.ca().toString(),
                "--nginx-dir", cluster.dir.resolve("nginx-edge-tls").toString(), "--listen", "127.0.0.1:" + routerPort),
                Map.of("PAAS_JOIN_TOKEN", token), LOGS.resolve("router-edge-tls.log"));
        Wait.until(Duration.ofSeconds(60), () -> upNodes(work).contains("edge-tls"));
        // The controller's certificate is only good with the platform CA; plain HTTP finds no API there.
        String url = controller + "/actuator/health";
        assertThat(Shell.run(work, Map.of(), "curl", "-sS", "--max-time", "5", url).err()).contains("certificate");
        assertThat(Shell.ok(work, Map.of(), "curl", "-sS", "--max-time", "5", "--cacert", registry.ca().toString(), url)
                .out()).contains("UP");
        phase("router joined over TLS");
    }

    @Test
    @Order(4)
    void anAppScaledAcrossBothHostsIsServedByBoth() throws Exception {
        app = SampleApp.deployed(admin, "spread");
        phase("push: build, push to the secured registry, pull on a test host, start");
        app.okPaas(null, "scale", "web=4");
        Wait.until(Duration.ofSeconds(120), () -> webByNode().keySet().containsAll(names())
                && webByNode().values().stream().mapToInt(Set::size).sum() == 4);
        phase("scaled to web=4 across both hosts");
        Map<String, Set<String>> byNode = webByNode();
        Set<String> answered = new TreeSet<>();
        Wait.until(Duration.ofSeconds(30), () -> {
            String answer = throughRouter();
            if (answer.endsWith("200")) {
                answered.add(answer.substring(answer.indexOf("from ") + 5, answer.indexOf('\n')));
            }
            return byNode.values().stream().allMatch(onNode -> onNode.stream().anyMatch(answered::contains));
        });
        System.out.println("MultiHostIT: answers through the router from " + answered + ", placed " + byNode);
        // Each host pulled the image itself, from the registry, with the agent's login.
        for (TestHost host : hosts) {
            assertThat(host.docker("images", "--format", "{{.Repository}}").out()).contains(registry.address + "/" + app.name);
        }
        phase("every web process answered through the router");
    }

    @Test
    @Order(5)
    void itsContainersOnBothHostsReachARedisAddonOnOneOfThem() throws Exception {
        // The add-on images are built on the controller's host; deploy/lib/images.sh --seed-registry puts them in
        // the registry in multi-host mode, as this does for the one the test needs. The hosts have none of them.
        String image = "paas/addon-redis:7-r2";
        Shell.ok(Cluster.ROOT, Map.of("REGISTRY_HTTP_ADDR", registry.address, "PAAS_REGISTRY", registry.address,
                "PAAS_TLS_DIR", registry.secrets.toString(), "PAAS_LOG_DIR", LOGS.toString()),
                Cluster.ROOT.resolve("deploy/lib/seed-registry.sh").toString(), image);
        hosts.forEach(host -> assertThat(host.docker("image", "inspect", image).exit()).isNotZero());
        phase(image + " seeded into the registry");
        Shell.Result created = app.okPaas(null, "addons:create", "redis", "-a", app.name);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(redis-[a-z]+-[0-9]+) as REDIS_URL \\(v([0-9]+)\\)")
                .matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        String redis = m.group(1);
        String release = m.group(2);
        String url = app.okPaas(null, "config:get", "REDIS_URL", "-a", app.name).out().strip();
        assertThat(url).matches("redis://[a-z0-9]+:[a-z0-9]+@" + redis + ":190[0-9]{2}");
        phase("addons:create redis: service up on one host, v" + release + " with REDIS_URL rolled out on both");
        // Its host's agent pulled the image from the registry with its login and gave it the local name.
        assertThat(hosts.stream().filter(host -> host.docker("image", "inspect", image).exit() == 0)
                .map(host -> host.docker("images", "--format", "{{.Repository}}:{{.Tag}}").out()))
                .singleElement().asString().contains(image, registry.address + "/" + image);

        // Each web container of the new release, on either host, speaks Redis at the URL it was given: by the
        // add-on's network on the add-on's host, by its host's address on the other.
        String client = String.join("\n",
                "import os, socket, sys, urllib.parse",
                "u = urllib.parse.urlsplit(os.environ['REDIS_URL'])",
                "s = socket.create_connection((u.hostname, u.port), timeout=5)",
                "def call(*a):",
                "    s.sendall(('*%d\\r\\n' % len(a) + ''.join('$%d\\r\\n%s\\r\\n' % (len(x), x) for x in a)).encode())",
                "    return s.recv(200).decode().strip()",
                "print(socket.gethostbyname(u.hostname), call('AUTH', u.username, u.password),",
                "      *[call(*c.split()) for c in sys.argv[1:]])");
        Map<String, List<String>> answers = new HashMap<>();
        for (TestHost host : hosts) {
            String ids = host.docker("ps", "-q", "--filter", "label=paas.app=" + app.name, "--filter",
                    "label=paas.process=web", "--filter", "label=paas.release=" + release).out().strip();
            for (String id : ids.isEmpty() ? new String[0] : ids.split("\\s+")) {
                Shell.Result answer = host.docker("exec", id, "python3", "-c", client, "INCR hits");
                assertThat(answer.exit()).as(host.name + " " + id + ": " + answer.all()).isZero();
                assertThat(answer.out().strip()).as(host.name).matches("[0-9.]+ \\+OK :[0-9]+");
                answers.computeIfAbsent(host.name, h -> new ArrayList<>()).add(answer.out().strip());
            }
        }
        System.out.println("MultiHostIT: " + redis + " answered the app's containers: " + answers);
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(names());
        assertThat(answers.values().stream().mapToInt(List::size).sum()).isEqualTo(4);
        // On the host without the service, the name is its host's address, where the service is published.
        assertThat(answers.values().stream().flatMap(List::stream).map(a -> a.split(" ")[0]))
                .anyMatch(ip -> ip.startsWith("10.200.0.")).anyMatch(ip -> !ip.startsWith("10.200.0."));
        assertThat(throughRouter()).endsWith("200");
        phase("web containers on both hosts reached " + redis);

        // Its service is on a test host, not on the controller's Docker engine: the backup is taken by a client
        // container on the controller's host, over the network at the host's address and the add-on's port.
        TestHost first = hosts.get(0);
        String web = first.docker("ps", "-q", "--filter", "label=paas.app=" + app.name, "--filter",
                "label=paas.process=web", "--filter", "label=paas.release=" + release).out().strip().split("\\s+")[0];
        Shell.Result captured = app.okPaas(null, "addons:backups:capture", redis);
        java.util.regex.Matcher backup = java.util.regex.Pattern.compile("backup ([0-9]+), [0-9.]+ KB")
                .matcher(captured.out());
        assertThat(backup.find()).as(captured.out()).isTrue();
        assertThat(app.okPaas(null, "addons:backups", redis).out()).containsPattern(backup.group(1) + " +succeeded");
        // Restored the same way: the client loads the RDB into a throwaway server of its own and MIGRATEs every
        // key into the add-on; the key written after the backup goes, the count is the backup's again.
        Shell.Result later = first.docker("exec", web, "python3", "-c", client, "INCR hits", "SET later 1");
        assertThat(later.out()).as(later.all()).contains(":5 +OK");
        long restoring = System.nanoTime();
        Shell.Result restored = app.okPaas(null, "addons:backups:restore", redis, backup.group(1));
        assertThat(restored.out()).contains("restored in");
        Shell.Result after = first.docker("exec", web, "python3", "-c", client, "GET hits", "EXISTS later");
        assertThat(after.out()).as(after.all()).contains("$1\r\n4 :0");
        phase(String.format(Locale.ROOT, "backup %s of %s taken from the other host and restored there (%.1f s)",
                backup.group(1), redis, (System.nanoTime() - restoring) / 1e9));
    }

    @Test
    @Order(6)
    void aLostHostsContainersArePlacedOnTheOtherWhileTrafficFlows() throws Exception {
        TestHost lost = hosts.get(1);
        String remaining = hosts.get(0).name;
        LoadProbe load = LoadProbe.through(routerPort, app.name);
        Thread.sleep(2000);
        long began = System.nanoTime();
        lost.lose();
        Wait.until(Duration.ofSeconds(150), () -> webByNode().keySet().equals(Set.of(remaining))
                && webByNode().get(remaining).size() == 4);
        double moved = (System.nanoTime() - began) / 1e9;
        // A little more traffic once the replacements serve: the figures then include the time after.
        Thread.sleep(3000);
        LoadProbe.Result result = load.stop();
        System.out.printf(Locale.ROOT, "MultiHostIT: host %s lost; all 4 web processes up on %s after %.1fs;"
                + " load through the router: %s; answers %s%n", lost.name, remaining, moved, result, result.answers());
        phase("host lost, containers placed on the other");

        Path work = Files.createTempDirectory("paas-e2e-multihost");
        assertThat(admin.paas(work, null, "nodes").out()).containsPattern(lost.name + " .* down");
        assertThat(throughRouter()).endsWith("200");
        assertThat(result.total()).isGreaterThan(result.failed());
    }

    /** GET / of the app through the TLS-joined router, by the real curl: the body and the status code. */
    private String throughRouter() {
        return Shell.run(cluster.dir, Map.of(), "curl", "-sS", "--max-time", "5", "-o", "-", "-w", "%{http_code}",
                "-H", "Host: " + app.name + ".localhost", "http://127.0.0.1:" + routerPort + "/").out();
    }

    private static void closeQuietly(TestHost host) {
        try {
            host.close();
        } catch (Exception e) {
            System.err.println("closing " + host + ": " + e);
        }
    }

    private List<String> names() {
        return hosts.stream().map(h -> h.name).toList();
    }

    private Set<String> upNodes(Path work) {
        return admin.paas(work, null, "nodes").out().lines().filter(l -> l.matches("\\S+ .* up\\b.*"))
                .map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());
    }

    /** The app's web processes that are up, by the node they run on (from {@code paas ps}). */
    private Map<String, Set<String>> webByNode() {
        Map<String, Set<String>> byNode = new HashMap<>();
        for (String line : app.okPaas(null, "ps").out().lines().filter(l -> l.startsWith("web.") && l.contains(" up "))
                .toList()) {
            String process = line.split("\\s+")[0];
            names().stream().filter(n -> line.contains(" " + n + " ") || line.endsWith(" " + n)).findFirst()
                    .ifPresent(node -> byNode.computeIfAbsent(node, n -> new TreeSet<>()).add(process));
        }
        return byNode;
    }

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "MultiHostIT PHASE %s: %.1fs%n", name, (now - phaseStarted) / 1e9);
        phaseStarted = now;
    }
}
