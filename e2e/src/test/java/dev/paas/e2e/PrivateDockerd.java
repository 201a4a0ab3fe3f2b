package dev.paas.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of a test's own, so the test may restart it: restarting the machine's dockerd would stop every
 * container on it, other test platforms' and their PostgreSQL too. It has its own socket, data root, exec root,
 * containerd namespace, default bridge and apps network (own interfaces and subnets); it leaves the host's iptables
 * alone ({@code --iptables=false}: published ports go through docker-proxy, which is how routers reach apps anyway).
 * Its default bridge must be an interface of its own: a dockerd started with {@code --bridge none} deletes the
 * host's {@code docker0}, which the machine's dockerd still needs.
 * Images come from the cluster registry, as on any node. A node-agent uses it through {@code DOCKER_HOST}. Like the
 * machine's dockerd as deploy/lib/install.sh sets it up, it runs with live-restore: its containers keep running
 * while it restarts.
 */
final class PrivateDockerd implements AutoCloseable {

    /** Outside Docker's default pools (172.17-31.x, 192.168.x), so it never collides with the machine's dockerd. */
    private static final String SUBNET = "10.213.7.0/24";
    private static final String BRIDGE_ADDRESS = "10.213.8.1/24";

    /** Short: the sockets under it must fit in a unix socket path. */
    final Path dir;
    final String network;
    /** Its default bridge, made by the test. */
    private final String bridge;
    private final String id;
    private final Path log;
    private Process dockerd;

    private PrivateDockerd(Path dir, String id, Path log) {
        this.dir = dir;
        this.id = id;
        this.network = "pf2-" + id;
        this.bridge = "pdk-" + id;
        this.log = log;
    }

    /** Starts the engine and creates the apps network the agent expects (inter-container traffic off). */
    static PrivateDockerd start(Path logs) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        PrivateDockerd engine = new PrivateDockerd(Files.createDirectories(Path.of("/tmp/pdk-" + id)), id,
                logs.resolve("dockerd-" + id + ".log"));
        try {
            Shell.ok(engine.dir, Map.of(), "ip", "link", "add", engine.bridge, "type", "bridge");
            Shell.ok(engine.dir, Map.of(), "ip", "addr", "add", BRIDGE_ADDRESS, "dev", engine.bridge);
            Shell.ok(engine.dir, Map.of(), "ip", "link", "set", engine.bridge, "up");
            engine.startEngine();
            engine.docker("network", "create", "--driver", "bridge", "--subnet", SUBNET,
                    "-o", "com.docker.network.bridge.enable_icc=false",
                    "-o", "com.docker.network.bridge.name=" + engine.network,
                    "--label", "paas.network=apps", engine.network);
            return engine;
        } catch (Exception e) {
            engine.close();
            throw e;
        }
    }

    /** For DOCKER_HOST. */
    String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    /**
     * Stops dockerd as {@code systemctl restart docker} does (SIGTERM; with live-restore its containers keep
     * running) and starts it again; returns once it answers.
     */
    void restart() throws Exception {
        stopEngine();
        startEngine();
    }

    /** What a power loss does to the containers: every running one SIGKILLed (they stay, exited, as after a reboot). */
    void killContainers() {
        String running = docker("ps", "-q").out().strip();
        if (!running.isEmpty()) {
            List<String> kill = new java.util.ArrayList<>(List.of("kill"));
            kill.addAll(List.of(running.split("\\s+")));
            docker(kill.toArray(String[]::new));
        }
    }

    /** Stops dockerd; {@link #restart} or close afterwards. */
    void stopEngine() throws InterruptedException {
        if (dockerd == null) {
            return;
        }
        dockerd.destroy();
        if (!dockerd.waitFor(90, TimeUnit.SECONDS)) {
            dockerd.destroyForcibly();
            dockerd.waitFor(10, TimeUnit.SECONDS);
        }
        dockerd = null;
    }

    void startEngine() throws Exception {
        // Its own (empty) configuration file: the machine's /etc/docker/daemon.json (deploy/lib/install.sh writes
        // live-restore there) would clash with the flags below, and dockerd refuses to start on such a clash.
        Path config = dir.resolve("daemon.json");
        if (!Files.exists(config)) {
            Files.writeString(config, "{}\n");
        }
        dockerd = Shell.spawn(List.of("dockerd", "--config-file", config.toString(), "--host", host(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--bridge", bridge, "--iptables=false", "--ip6tables=false", "--live-restore",
                "--containerd-namespace", "pdk-" + id, "--containerd-plugins-namespace", "pdk-" + id + "-plugins"),
                Map.of(), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Shell.run(dir, Map.of("DOCKER_HOST", host()), "docker", "version").exit() != 0) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The private dockerd did not start: see " + log);
            }
            Thread.sleep(200);
        }
    }

    Shell.Result docker(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        return Shell.ok(dir, Map.of("DOCKER_HOST", host()), command);
    }

    /** The ids of the containers of this engine (running or not) carrying {@code label}. */
    List<String> containers(String label) {
        String out = docker("ps", "-aq", "--filter", "label=" + label).out().strip();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** Removes everything it ran, stops it, deletes its directory and the firewall chains an agent added for it. */
    @Override
    public void close() throws Exception {
        if (dockerd != null && dockerd.isAlive()) {
            List<String> all = containers("paas.managed=true");
            if (!all.isEmpty()) {
                String[] rm = new String[all.size() + 2];
                rm[0] = "rm";
                rm[1] = "-f";
                for (int i = 0; i < all.size(); i++) {
                    rm[i + 2] = all.get(i);
                }
                docker(rm);
            }
            Shell.run(dir, Map.of("DOCKER_HOST", host()), "docker", "network", "rm", network);
        }
        stopEngine();
        String in = "PAAS-IN-" + network;
        String fwd = "PAAS-FWD-" + network;
        Shell.run(dir, Map.of(), "iptables", "-D", "INPUT", "-i", network, "-j", in);
        Shell.run(dir, Map.of(), "iptables", "-D", "DOCKER-USER", "-i", network, "-j", fwd);
        for (String chain : List.of(in, fwd)) {
            Shell.run(dir, Map.of(), "iptables", "-F", chain);
            Shell.run(dir, Map.of(), "iptables", "-X", chain);
        }
        // With live-restore dockerd leaves its mounts behind when it stops (its data root is one).
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                .filter(m -> m.startsWith(dir + "/")).sorted(java.util.Comparator.reverseOrder()).toList();
        for (String mount : mounts) {
            Shell.run(Path.of("/"), Map.of(), "umount", "-l", mount);
        }
        Shell.run(dir, Map.of(), "ip", "link", "del", bridge);
        Shell.run(Path.of("/"), Map.of(), "rm", "-rf", "--one-file-system", dir.toString());
    }

    @Override
    public String toString() {
        return "dockerd at " + host();
    }
}
