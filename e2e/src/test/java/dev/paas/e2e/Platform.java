package dev.paas.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A whole local platform for end-to-end tests: PostgreSQL (Testcontainers, local image), and the controller,
 * one node-agent and one router (with its own nginx) as separate processes from the packaged jars, each on
 * free ports and in its own temporary directories so a running deploy/up is not disturbed.
 */
final class Platform implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final String NODE_TOKEN = "e2e-node-token-" + UUID.randomUUID();
    static final String ADMIN_PASSWORD = "e2e-admin-" + UUID.randomUUID();
    /** The services run with C1 only, as deploy/up starts them (its comment says why). */
    private static final String JIT = "-XX:TieredStopAtLevel=1";

    /** This platform's user: their working directory, and the home with their cli config and SSH key. */
    final Path work;
    final Path home;
    final Path logs;
    final Path dataDir;
    final Path nginxDir;
    /** The admin's buildpack directory (paas.buildpacks.local-dir): apps may name buildpacks by path only in it. */
    final Path buildpacksDir;
    final int apiPort;
    final int sshPort;
    final int routerPort;
    final String node;
    /** One node-agent per name; the first is {@link #node}. Each has its own 200 host ports from {@code portBase}. */
    final List<String> nodes;
    private final int portBase;
    private final Map<String, String> controllerEnv;
    private final Map<String, Process> agents;
    private final PostgreSQLContainer<?> postgres;
    private final List<Process> processes;
    /** False for another user of a platform someone else runs ({@link #newUser}): start and close leave it be. */
    private final boolean owner;

    Platform() throws IOException {
        this(1, 21000, Map.of());
    }

    /**
     * @param agents        how many node-agents to run, as nodes {@code <node>}, {@code <node>-2}, ...
     * @param portBase      first host port of the first agent's range
     * @param controllerEnv extra controller settings, e.g. PAAS_ROLLOUT_TIMEOUT
     */
    Platform(int agents, int portBase, Map<String, String> controllerEnv) throws IOException {
        owner = true;
        work = Files.createTempDirectory("paas-e2e");
        home = Files.createDirectories(work.resolve("home/.ssh")).getParent();
        logs = ROOT.resolve("e2e/target/e2e-logs");
        dataDir = work.resolve("data");
        nginxDir = work.resolve("nginx");
        buildpacksDir = Files.createDirectories(work.resolve("buildpacks"));
        apiPort = freePort();
        sshPort = freePort();
        routerPort = freePort();
        node = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        nodes = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            nodes.add(i == 1 ? node : node + "-" + i);
        }
        this.portBase = portBase;
        this.controllerEnv = new HashMap<>(controllerEnv);
        this.agents = new HashMap<>();
        postgres = new PostgreSQLContainer<>(DockerImageName.parse("paas/postgres:15").asCompatibleSubstituteFor("postgres"));
        processes = new ArrayList<>();
    }

    /** The same running platform seen by a new user: own working directory and home (cli config, SSH key). */
    private Platform(Platform running) throws IOException {
        owner = false;
        work = Files.createTempDirectory("paas-e2e");
        home = Files.createDirectories(work.resolve("home/.ssh")).getParent();
        logs = running.logs;
        dataDir = running.dataDir;
        nginxDir = running.nginxDir;
        buildpacksDir = running.buildpacksDir;
        apiPort = running.apiPort;
        sshPort = running.sshPort;
        routerPort = running.routerPort;
        node = running.node;
        nodes = running.nodes;
        portBase = running.portBase;
        controllerEnv = running.controllerEnv;
        agents = running.agents;
        postgres = running.postgres;
        processes = running.processes;
    }

    Platform newUser() throws IOException {
        return new Platform(this);
    }

    String api() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The host port this platform's PostgreSQL is published on (Testcontainers publishes on every address). */
    int postgresPort() {
        return postgres.getMappedPort(5432);
    }

    void start() throws Exception {
        if (!owner) {
            return;
        }
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
        env.putAll(controllerEnv);
        // kept whole, so restartController() starts it again the same way
        controllerEnv.putAll(env);
        spawn("controller", List.of("java", JIT, "-jar", jar("controller")), env);
        awaitHealthy(Duration.ofSeconds(300)); // generous: other builds may share the two cores
        for (String name : nodes) {
            startAgent(name);
        }
        spawn("router", List.of("java", JIT, "-jar", jar("router"), "--controller", api(), "--token", NODE_TOKEN,
                "--name", "router-" + node, "--nginx-dir", nginxDir.toString(),
                "--listen", "127.0.0.1:" + routerPort), Map.of());
    }

    /** Starts (or starts again) the node-agent of {@code name}, one of {@link #nodes}. */
    void startAgent(String name) throws IOException {
        int first = portBase + 200 * nodes.indexOf(name);
        String log = nodes.indexOf(name) == 0 ? "node-agent" : "node-agent-" + (nodes.indexOf(name) + 1);
        Process agent = Shell.spawn(List.of("java", JIT, "-jar", jar("node-agent"), "--controller", api(),
                "--token", NODE_TOKEN,
                "--name", name, "--address", "127.0.0.1", "--ports", first + "-" + (first + 199)), Map.of(),
                logs.resolve(log + ".log"));
        processes.add(agent);
        agents.put(name, agent);
    }

    /**
     * Starts a node-agent that joins with a join token instead of the cluster's node token (the token names its
     * formation and layer); it becomes one of {@link #nodes}, with the next 200 host ports.
     */
    Process startJoinedAgent(String name, String joinToken) throws IOException {
        nodes.add(name);
        int first = portBase + 200 * nodes.indexOf(name);
        Process agent = Shell.spawn(List.of("java", JIT, "-jar", jar("node-agent"), "--controller", api(),
                "--join-token", joinToken, "--name", name, "--address", "127.0.0.1",
                "--ports", first + "-" + (first + 199)), Map.of(), logs.resolve("node-agent-" + name + ".log"));
        processes.add(agent);
        agents.put(name, agent);
        return agent;
    }

    /** Starts another router (its own nginx on {@code port}) that joins a formation's proxy layer with a join token. */
    Process startJoinedRouter(String name, String joinToken, int port) throws IOException {
        Process router = Shell.spawn(List.of("java", JIT, "-jar", jar("router"), "--controller", api(),
                "--join-token", joinToken, "--name", name, "--nginx-dir", work.resolve("nginx-" + name).toString(),
                "--listen", "127.0.0.1:" + port), Map.of(), logs.resolve("router-" + name + ".log"));
        processes.add(router);
        return router;
    }

    /** Stops the node-agent of {@code name} as a crash would: its containers keep running. */
    void killAgent(String name) throws InterruptedException {
        Process agent = agents.remove(name);
        agent.destroyForcibly();
        agent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Runs the real cli jar as the user would, with this platform's home directory. */
    Shell.Result paas(Path dir, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Duser.home=" + home, "-jar", jar("cli")));
        command.addAll(List.of(args));
        return Shell.run(dir, Map.of("HOME", home.toString(), "PAAS_CONFIG", home.resolve(".paas/config.json").toString()),
                stdin, command);
    }

    /** Stops the controller (gracefully, as systemd would) and starts it again on the same database and ports. */
    void restartController() throws Exception {
        Process controller = processes.get(0);
        controller.destroy();
        if (!controller.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            controller.destroyForcibly();
        }
        processes.set(0, Shell.spawn(List.of("java", JIT, "-jar", jar("controller")), controllerEnv,
                logs.resolve("controller.log")));
        // Generous: on a loaded 2-core box a controller start has been seen to take over 90 s.
        awaitHealthy(Duration.ofSeconds(300));
    }

    /** The cli in the background (paas logs -f -a APP), stdout and stderr appended to {@code output}; the caller stops it. */
    Process paasInBackground(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Duser.home=" + home, "-jar", jar("cli")));
        command.addAll(List.of(args));
        return Shell.spawn(command, Map.of("HOME", home.toString(),
                "PAAS_CONFIG", home.resolve(".paas/config.json").toString()), output);
    }

    /** git over the real OpenSSH client, trusting only the host keys the cli wrote to known_hosts. */
    Map<String, String> gitEnv(Path key) {
        return Map.of("HOME", home.toString(),
                "GIT_SSH_COMMAND", "ssh -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes"
                        + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + home.resolve(".ssh/known_hosts"),
                "GIT_AUTHOR_NAME", "E2E", "GIT_AUTHOR_EMAIL", "e2e@example.com",
                "GIT_COMMITTER_NAME", "E2E", "GIT_COMMITTER_EMAIL", "e2e@example.com");
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
        return Shell.run(work, Map.of(), "curl", "-sS", "--max-time", "5", "-o", "-", "-w", "%{http_code}",
                "-H", "Host: " + host, "http://127.0.0.1:" + routerPort + path);
    }

    private void spawn(String name, List<String> command, Map<String, String> env) throws IOException {
        processes.add(Shell.spawn(command, env, logs.resolve(name + ".log")));
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!processes.get(0).isAlive()) {
                throw new IllegalStateException("The controller exited: see " + logs.resolve("controller.log"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The controller did not become healthy: see " + logs.resolve("controller.log"));
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
        if (!owner) {
            return;
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        try (var dirs = Files.list(work)) {
            dirs.filter(d -> d.equals(nginxDir) || d.getFileName().toString().startsWith("nginx-")).forEach(dir -> {
                if (Files.exists(dir.resolve("nginx.pid"))) {
                    Shell.run(work, Map.of(), "nginx", "-s", "quit", "-p", dir.toString(), "-c",
                            dir.resolve("nginx.conf").toString());
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        nodes.forEach(this::removeContainers);
        postgres.stop();
    }

    /** Removes the containers of one of this platform's nodes (never anyone else's). */
    void removeContainers(String name) {
        String containers = Shell.run(work, Map.of(), "docker", "ps", "-aq", "--filter", "label=paas.node=" + name).out().strip();
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(List.of(containers.split("\\s+")));
            Shell.run(work, Map.of(), rm.toArray(String[]::new));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Node faults (NodeFaultsIT, DockerdRestartIT): small additions, kept together here.

    /** The pid of the live nginx master of this platform's router, or -1 when none runs. */
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
        Shell.ok(work, Map.of(), "kill", "-KILL", Long.toString(master));
        handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        return master;
    }

    /** The environment and extra options of agents started with {@link #startAgent(String, Map, List)}. */
    private final Map<String, Map.Entry<Map<String, String>, List<String>>> agentSettings = new HashMap<>();

    /** Starts the node-agent of {@code name} with extra environment (e.g. DOCKER_HOST) and options (e.g. --network). */
    void startAgent(String name, Map<String, String> env, List<String> options) throws IOException {
        if (!nodes.contains(name)) {
            nodes.add(name);
        }
        agentSettings.put(name, Map.entry(env, options));
        int first = portBase + 200 * nodes.indexOf(name);
        List<String> command = new ArrayList<>(List.of("java", JIT, "-jar", jar("node-agent"), "--controller", api(),
                "--token", NODE_TOKEN, "--name", name, "--address", "127.0.0.1", "--ports", first + "-" + (first + 199)));
        command.addAll(options);
        Process agent = Shell.spawn(command, env, logs.resolve("node-agent-" + name + ".log"));
        processes.add(agent);
        agents.put(name, agent);
    }

    /**
     * Every process of the platform gone at once, as in a power loss: the controller, agents and router SIGKILLed,
     * and the router's nginx, master and workers. PostgreSQL (a Testcontainers container) stays.
     */
    void crash() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        agents.clear();
        long master = routerNginxMaster();
        if (master > 0) {
            ProcessHandle handle = ProcessHandle.of(master).orElseThrow();
            List<ProcessHandle> workers = handle.children().toList();
            handle.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** After {@link #crash}: the controller, every agent and the router start again, as deploy/up starts them. */
    void startAgain() throws Exception {
        processes.set(0, Shell.spawn(List.of("java", JIT, "-jar", jar("controller")), controllerEnv,
                logs.resolve("controller.log")));
        awaitHealthy(Duration.ofSeconds(300));
        for (String name : nodes) {
            var settings = agentSettings.get(name);
            if (settings == null) {
                startAgent(name);
            } else {
                startAgent(name, settings.getKey(), settings.getValue());
            }
        }
        spawn("router", List.of("java", JIT, "-jar", jar("router"), "--controller", api(), "--token", NODE_TOKEN,
                "--name", "router-" + node, "--nginx-dir", nginxDir.toString(),
                "--listen", "127.0.0.1:" + routerPort), Map.of());
    }
}
