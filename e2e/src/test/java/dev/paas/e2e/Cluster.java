package dev.paas.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A whole local platform for end-to-end tests: PostgreSQL (Testcontainers, local image), and the controller,
 * node-agents and a router (with its own nginx) as separate named processes from the packaged jars, each on
 * allocated ports and in its own temporary directories so a running deploy/up, or another test run, is not
 * disturbed. The people using it are {@link User}s.
 */
final class Cluster implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final String NODE_TOKEN = "e2e-node-token-" + UUID.randomUUID();
    static final String ADMIN_PASSWORD = "e2e-admin-" + UUID.randomUUID();
    static final String CONTROLLER = "controller";
    /** The second controller of {@link #startedWithTwoControllers()}, on {@link #api2Port} and {@link #ssh2Port}. */
    static final String CONTROLLER_2 = "controller-2";
    static final String ROUTER = "router";
    /**
     * The file of each service's JVM options, which deploy/up starts them with; -Dpaas.java-options=FILE names
     * another (bench/footprint compares two).
     */
    static final Path JAVA_OPTIONS = Path.of(System.getProperty("paas.java-options",
            ROOT.resolve("deploy/java-options").toString()));

    /** The cluster's own scratch directory (nginx, data, buildpacks), apart from any user's. */
    final Path dir;
    final Path logs;
    final Path dataDir;
    final Path nginxDir;
    /** The admin's buildpack directory (paas.buildpacks.local-dir): apps may name buildpacks by path only in it. */
    final Path buildpacksDir;
    final int apiPort;
    final int sshPort;
    final int routerPort;
    /** The second controller's API and git ports (unused unless {@link #twoControllers}). */
    final int api2Port;
    final int ssh2Port;
    /** Two controllers on the one database, sharing {@code <dir>/shared} (repos, SSH host key); agents and routers know both. */
    private boolean twoControllers;
    /** Where the router's nginx serves HTTPS. */
    final int routerHttpsPort;
    /**
     * The ACME directory the controller is given (PAAS_ACME_DIRECTORY, https://localhost:PORT/dir) and the CA file it
     * trusts for it (PAAS_ACME_CA_FILE): nothing listens there and the file does not exist until a test starts its
     * ACME server there ({@link Pebble}); the controller reads both only when it asks for a certificate.
     */
    final int acmePort;
    final Path acmeCaFile;
    final String node;
    /** One node-agent per name; the first is {@link #node}. Each has its own block of host ports. */
    final List<String> nodes;
    private final Map<String, Integer> portBases;
    private final Map<String, AgentSettings> agentSettings = new HashMap<>();
    private final Map<String, String> controllerEnv;
    private final PostgreSQLContainer<?> postgres;
    /** Every running process by name (controller, router, node names, router-NAME), in start order. */
    private final Map<String, Process> processes;

    private static final java.util.concurrent.atomic.AtomicInteger CLUSTERS = new java.util.concurrent.atomic.AtomicInteger();

    /** The test class that starts this cluster (SharedCluster for the shared one), to name its log directory. */
    private static String starter() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(frame -> frame.getDeclaringClass().getSimpleName())
                .filter(name -> name.endsWith("IT") || name.endsWith("Bench") || name.equals("SharedCluster"))
                .findFirst().orElse("cluster"));
    }

    private Cluster(int agents, Map<String, String> controllerEnv) throws IOException {
        dir = Files.createTempDirectory("paas-e2e-cluster");
        // Each cluster logs into a directory of its own: test classes run two at a time, and two controllers
        // writing one controller.log would leave neither readable.
        logs = Files.createDirectories(ROOT.resolve("e2e/target/e2e-logs").resolve(starter() + "-"
                + CLUSTERS.incrementAndGet()));
        dataDir = dir.resolve("data");
        nginxDir = dir.resolve("nginx");
        buildpacksDir = Files.createDirectories(dir.resolve("buildpacks"));
        apiPort = freePort();
        sshPort = freePort();
        routerPort = freePort();
        api2Port = freePort();
        ssh2Port = freePort();
        routerHttpsPort = freePort();
        acmePort = freePort();
        acmeCaFile = dir.resolve("acme/ca.pem");
        node = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        nodes = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            nodes.add(i == 1 ? node : node + "-" + i);
        }
        portBases = new HashMap<>();
        this.controllerEnv = new HashMap<>(controllerEnv);
        postgres = new PostgreSQLContainer<>(DockerImageName.parse("paas/postgres:15").asCompatibleSubstituteFor("postgres"));
        // A fixed host port: Docker may publish a restarted container ({@link #restartPostgres}) on another random
        // port, and the controller's JDBC URL names the port.
        postgres.setPortBindings(List.of(freePort() + ":5432"));
        processes = new LinkedHashMap<>();
    }

    /** The default cluster: one node-agent, default settings. */
    static Cluster started() throws Exception {
        return started(1, Map.of());
    }

    /**
     * @param agents        how many node-agents to run, as nodes {@code <node>}, {@code <node>-2}, ...
     * @param controllerEnv extra controller settings, e.g. PAAS_ROLLOUT_TIMEOUT
     */
    static Cluster started(int agents, Map<String, String> controllerEnv) throws Exception {
        Cluster cluster = new Cluster(agents, controllerEnv);
        try {
            cluster.start();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Two controllers on one database and one shared directory (PAAS_SHARED_DIR), each with its own data directory;
     * the node-agent and the router are given both (the first one first).
     */
    static Cluster startedWithTwoControllers() throws Exception {
        Cluster cluster = new Cluster(1, Map.of());
        cluster.twoControllers = true;
        try {
            cluster.start();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    String api() {
        return "http://127.0.0.1:" + apiPort;
    }

    String api2() {
        return "http://127.0.0.1:" + api2Port;
    }

    /** What node-agents and routers are given as --controller: one URL, or both controllers' for fail-over. */
    private String controllerUrls() {
        return twoControllers ? api() + "," + api2() : api();
    }

    /** The host port this cluster's PostgreSQL is published on (Testcontainers publishes on every address). */
    int postgresPort() {
        return postgres.getMappedPort(5432);
    }

    /** The running process of that name, e.g. {@link #CONTROLLER} or a node's name. */
    Process process(String name) {
        Process process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("No process named " + name + " in " + processes.keySet());
        }
        return process;
    }

    private void start() throws Exception {
        postgres.start();
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", postgres.getUsername());
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.getPassword());
        env.put("SERVER_PORT", Integer.toString(apiPort));
        env.put("PAAS_DATA_DIR", dataDir.toString());
        env.put("PAAS_NODE_TOKEN", NODE_TOKEN);
        env.put("PAAS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("PAAS_SSH_PORT", Integer.toString(sshPort));
        env.put("PAAS_ROUTER_PORT", Integer.toString(routerPort));
        env.put("PAAS_BUILDPACKS_LOCAL_DIR", buildpacksDir.toString());
        env.put("PAAS_ACME_DIRECTORY", "https://localhost:" + acmePort + "/dir");
        env.put("PAAS_ACME_CA_FILE", acmeCaFile.toString());
        // Add-ons are published on 127.0.0.1 at their own ports: a block of this run's, so another run's add-ons
        // on this machine never hold the same port.
        int addonPorts = PortRanges.claim();
        env.put("PAAS_ADDONS_PORTS", addonPorts + "-" + (addonPorts + PortRanges.BLOCK - 1));
        if (twoControllers) {
            env.put("PAAS_SHARED_DIR", dir.resolve("shared").toString());
        }
        env.putAll(controllerEnv);
        // kept whole, so restartController() starts it again the same way
        controllerEnv.putAll(env);
        spawn(CONTROLLER, java("controller"), controllerEnv, "controller");
        awaitHealthy(Duration.ofSeconds(300)); // generous: other builds may share the two cores
        if (twoControllers) {
            // Started once the first is up, so the first leads and the shared SSH host key already exists.
            Map<String, String> second = new HashMap<>(controllerEnv);
            second.put("SERVER_PORT", Integer.toString(api2Port));
            second.put("PAAS_SSH_PORT", Integer.toString(ssh2Port));
            second.put("PAAS_DATA_DIR", dir.resolve("data-2").toString());
            spawn(CONTROLLER_2, java("controller"), second, "controller-2");
            awaitHealthy(Duration.ofSeconds(300), api2(), CONTROLLER_2);
        }
        for (String name : nodes) {
            startAgent(name);
        }
        startRouter();
    }

    private void startRouter() throws IOException {
        spawn(ROUTER, java("router", "--controller", controllerUrls(), "--token", NODE_TOKEN,
                "--name", "router-" + node, "--nginx-dir", nginxDir.toString(),
                "--listen", "127.0.0.1:" + routerPort, "--listen-https", "127.0.0.1:" + routerHttpsPort), Map.of(),
                "router");
    }

    /** Starts (or starts again) the node-agent of {@code name}, one of {@link #nodes}, on its own port block. */
    void startAgent(String name) throws IOException {
        AgentSettings settings = agentSettings.getOrDefault(name, new AgentSettings(Map.of(), List.of()));
        int index = nodes.indexOf(name);
        String log = index == 0 ? "node-agent" : "node-agent-" + (index + 1);
        List<String> command = new ArrayList<>(agentCommand(name, "--token", NODE_TOKEN));
        command.addAll(settings.options());
        spawn(name, command, settings.env(), log);
    }

    /**
     * Starts the node-agent of {@code name} (added to {@link #nodes} if new) with extra environment (e.g. DOCKER_HOST)
     * and options (e.g. --network), which its later starts ({@link #startAgain}) keep.
     */
    void startAgent(String name, Map<String, String> env, List<String> options) throws IOException {
        if (!nodes.contains(name)) {
            nodes.add(name);
        }
        agentSettings.put(name, new AgentSettings(env, options));
        startAgent(name);
    }

    private record AgentSettings(Map<String, String> env, List<String> options) {
    }

    /**
     * Starts a node-agent that joins with a join token instead of the cluster's node token (the token names its
     * formation and layer); it becomes one of {@link #nodes}, with a port block of its own.
     */
    Process startJoinedAgent(String name, String joinToken) throws IOException {
        nodes.add(name);
        return spawn(name, agentCommand(name, "--join-token", joinToken), Map.of(), "node-agent-" + name);
    }

    private List<String> agentCommand(String name, String credentialOption, String credential) {
        int first = portBases.computeIfAbsent(name, n -> PortRanges.claim());
        return java("node-agent", "--controller", controllerUrls(), credentialOption, credential,
                "--name", name, "--address", "127.0.0.1", "--ports", first + "-" + (first + PortRanges.BLOCK - 1));
    }

    /** Starts another router (its own nginx on {@code port}) that joins a formation's proxy layer with a join token. */
    Process startJoinedRouter(String name, String joinToken, int port) throws IOException {
        return spawn("router-" + name, java("router", "--controller", controllerUrls(),
                "--join-token", joinToken, "--name", name, "--nginx-dir", dir.resolve("nginx-" + name).toString(),
                "--listen", "127.0.0.1:" + port), Map.of(), "router-" + name);
    }

    /**
     * Starts another router on the cluster's node token (its own nginx on {@code port}) with extra options, e.g.
     * {@code --direct false} (published ports only, as routers did before they reached bridge addresses).
     */
    Process startRouter(String name, int port, String... options) throws IOException {
        List<String> command = new java.util.ArrayList<>(java("router", "--controller", controllerUrls(), "--token",
                NODE_TOKEN, "--name", name, "--nginx-dir", dir.resolve("nginx-" + name).toString(), "--listen", "127.0.0.1:" + port));
        command.addAll(List.of(options));
        return spawn("router-" + name, command, Map.of(), "router-" + name);
    }

    /** Stops the process of {@code name} as a crash would (SIGKILL): a node-agent's containers keep running. */
    void kill(String name) throws InterruptedException {
        Process process = processes.remove(name);
        if (process == null) {
            throw new IllegalArgumentException("No process named " + name + " in " + processes.keySet());
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the controller (gracefully, as systemd would) and starts it again on the same database and ports. */
    void restartController() throws Exception {
        Process controller = processes.remove(CONTROLLER);
        controller.destroy();
        if (!controller.waitFor(60, TimeUnit.SECONDS)) {
            controller.destroyForcibly();
        }
        spawn(CONTROLLER, java("controller"), controllerEnv, "controller");
        // Generous: on a loaded 2-core box a controller start has been seen to take over 90 s.
        awaitHealthy(Duration.ofSeconds(300));
    }

    /** An HTTP request through the router's nginx, with the app's host name, by the real curl. */
    Shell.Result curl(String app) {
        return curl(app, "/");
    }

    Shell.Result curl(String app, String path) {
        return curlHost(app + ".localhost", path);
    }

    /** GET {@code path} through nginx with any Host header, e.g. a custom domain. */
    Shell.Result curlHost(String host, String path) {
        return Shell.run(dir, Map.of(), "curl", "-sS", "--max-time", "5", "-o", "-", "-w", "%{http_code}",
                "-H", "Host: " + host, "http://127.0.0.1:" + routerPort + path);
    }

    /** Runs a host command from the cluster's directory, e.g. docker, and fails on a non-zero exit. */
    Shell.Result ok(String... command) {
        return Shell.ok(dir, Map.of(), command);
    }

    /** Runs a host command from the cluster's directory, whatever its exit code. */
    Shell.Result run(String... command) {
        return Shell.run(dir, Map.of(), command);
    }

    private Process spawn(String name, List<String> command, Map<String, String> env, String log) throws IOException {
        Process process = Shell.spawn(command, env, logs.resolve(log + ".log"));
        processes.put(name, process);
        return process;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        awaitHealthy(timeout, api(), CONTROLLER);
    }

    private void awaitHealthy(Duration timeout, String api, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process(name).isAlive()) {
                throw new IllegalStateException("The controller exited: see " + logs.resolve(name + ".log"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The controller did not become healthy: see " + logs.resolve(name + ".log"));
    }

    /** {@code java OPTIONS -jar JAR ARGS...} of a service, with its line of {@link #JAVA_OPTIONS}. */
    static List<String> java(String service, String... args) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions(service));
        command.addAll(List.of("-jar", jar(service)));
        command.addAll(List.of(args));
        return command;
    }

    static List<String> javaOptions(String service) {
        try {
            for (String line : Files.readAllLines(JAVA_OPTIONS)) {
                String[] words = line.trim().split("\\s+");
                if (!line.startsWith("#") && words[0].equals(service)) {
                    return List.of(words).subList(1, words.length);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException(JAVA_OPTIONS + " has no line for " + service);
    }

    static String jar(String module) {
        Path jar = ROOT.resolve(module).resolve("target").resolve("paas-" + module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the Maven build from the root");
        }
        return jar.toString();
    }

    @Override
    public void close() {
        List<Process> running = new ArrayList<>(processes.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            Process process = running.get(i);
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        processes.clear();
        try (var dirs = Files.list(dir)) {
            dirs.filter(d -> d.equals(nginxDir) || d.getFileName().toString().startsWith("nginx-")).forEach(nginx -> {
                if (Files.exists(nginx.resolve("nginx.pid"))) {
                    run("nginx", "-s", "quit", "-p", nginx.toString(), "-c", nginx.resolve("nginx.conf").toString());
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        nodes.forEach(this::removeContainers);
        postgres.stop();
    }

    /** Removes the containers of one of this cluster's nodes (never anyone else's). */
    void removeContainers(String name) {
        String containers = run("docker", "ps", "-aq", "--filter", "label=paas.node=" + name).out().strip();
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(List.of(containers.split("\\s+")));
            run(rm.toArray(String[]::new));
        }
    }

    /** A port no one listens on, that no other run and no outgoing connection takes meanwhile ({@link PortRanges}). */
    static int freePort() {
        return PortRanges.single();
    }

    // ---- Faults: stop parts of the cluster as a crash would, and bring them back.

    /** Stops the controller as a crash would: SIGKILL, no shutdown hook, nothing finished. */
    void killController() throws InterruptedException {
        kill(CONTROLLER);
    }

    /** Starts the controller again after {@link #killController}, on the same database and ports. */
    void startController() throws Exception {
        spawn(CONTROLLER, java("controller"), controllerEnv, "controller");
        awaitHealthy(Duration.ofSeconds(300));
    }

    /**
     * Sends {@code signal} (STOP, CONT) to this cluster's router process, e.g. to keep it from polling the
     * controller for a while; its nginx keeps serving the backends it has.
     */
    void signalRouter(String signal) {
        ok("kill", "-s", signal, Long.toString(process(ROUTER).pid()));
    }

    /** Restarts PostgreSQL's container (docker restart: a fast shutdown, then a start) and waits until it accepts connections. */
    void restartPostgres() {
        String id = postgres.getContainerId();
        ok("docker", "restart", "-t", "10", id);
        Wait.until(Duration.ofSeconds(60), () -> run("docker", "exec", id, "pg_isready", "-q", "-U",
                postgres.getUsername()).exit() == 0);
    }

    // ---- Node faults (NodeFaultsIT, DockerdRestartIT)

    /** The pid of the live nginx master of this cluster's router, or -1 when none runs. */
    long routerNginxMaster() {
        try {
            long pid = Long.parseLong(Files.readString(nginxDir.resolve("nginx.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? pid : -1;
        } catch (IOException | NumberFormatException none) {
            return -1;
        }
    }

    /** SIGKILLs the router's nginx master, as a crash or the OOM killer would (its workers live on); returns its pid. */
    long killRouterNginx() throws Exception {
        long master = routerNginxMaster();
        if (master < 0) {
            throw new IllegalStateException("The router's nginx is not running");
        }
        ProcessHandle handle = ProcessHandle.of(master).orElseThrow();
        ok("kill", "-KILL", Long.toString(master));
        handle.onExit().get(10, TimeUnit.SECONDS);
        return master;
    }

    /**
     * Every process of the cluster gone at once, as in a power loss: the controller, agents and router SIGKILLed,
     * and the router's nginx, master and workers. PostgreSQL (a Testcontainers container) stays.
     */
    void crash() throws Exception {
        for (Process process : processes.values()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        processes.clear();
        long master = routerNginxMaster();
        if (master > 0) {
            ProcessHandle handle = ProcessHandle.of(master).orElseThrow();
            List<ProcessHandle> workers = handle.children().toList();
            handle.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
            handle.onExit().get(10, TimeUnit.SECONDS);
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** After {@link #crash}: the controller, every agent and the router start again, as deploy/up starts them. */
    void startAgain() throws Exception {
        startController();
        for (String name : nodes) {
            startAgent(name);
        }
        startRouter();
    }
}
