package dev.paas.e2e;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another host, made on this machine: a network namespace with a dockerd of its own (own data root, exec root,
 * pidfile and socket), joined to this machine over a veth pair on a test bridge. This machine is {@link #GATEWAY}
 * (10.200.0.1) on the bridge, test host N is 10.200.0.N; only these test addresses are used. Test hosts reach each
 * other over the bridge (a FORWARD rule for it on this machine, whose policy Docker sets to DROP). Processes started
 * with {@link #spawn} run in the namespace (as they would on the host itself), so a node-agent there publishes on
 * the host's own address and its firewall rules are the host's. Its dockerd starts through
 * {@code nsenter --net}, not {@code ip netns exec}, whose fresh /sys hides the cgroup mounts dockerd needs.
 *
 * <p>The addresses are fixed, so one test run at a time may hold them: {@link #network()} takes a lock under /tmp
 * for the JVM's lifetime, and with it held, whatever an earlier run that was killed left (namespaces, bridge,
 * dockerds, their mounts and directories, all named {@code pth-*}) is stale and is removed first.
 */
final class TestHost implements AutoCloseable {

    static final String GATEWAY = "10.200.0.1";
    private static final String BRIDGE = "pth-br";
    private static final String PREFIX = "pth-";
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "paas-e2e-testhosts.lock");
    private static FileChannel held;

    final String name;
    final String address;
    /** Short: its docker socket must fit in a unix socket path. */
    final Path dir;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private Process dockerd;

    private TestHost(int number, Path logs) {
        this.name = PREFIX + "h" + number;
        this.address = "10.200.0." + number;
        this.dir = Path.of("/tmp", name);
        this.logs = logs;
    }

    /**
     * Claims the test network for this JVM (waiting for another run that holds it), clears what a killed run left,
     * and makes the bridge with this machine's address on it. Idempotent.
     */
    static synchronized void network() throws IOException {
        if (held != null) {
            return;
        }
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        held = channel;
        removeStale();
        ok("ip", "link", "add", BRIDGE, "type", "bridge");
        ok("ip", "addr", "add", GATEWAY + "/24", "dev", BRIDGE);
        ok("ip", "link", "set", BRIDGE, "up");
        // Docker loads br_netfilter and sets this machine's FORWARD policy to DROP, so frames the bridge passes
        // between two test hosts would be dropped as if routed: let them through, as a switch would.
        ok("iptables", "-w", "10", "-I", "FORWARD", "1", "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT");
        Runtime.getRuntime().addShutdownHook(new Thread(TestHost::removeStale, "test-hosts-cleanup"));
    }

    /** Test host {@code number} (2..254): its namespace, link and dockerd, up and answering. */
    static TestHost start(int number, Path logs) throws Exception {
        if (number < 2 || number > 254) {
            throw new IllegalArgumentException("test host numbers are 2..254");
        }
        network();
        TestHost host = new TestHost(number, logs);
        try {
            host.create();
            return host;
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    private void create() throws Exception {
        Files.createDirectories(dir);
        ok("ip", "netns", "add", name);
        // The namespace's end is its eth0; this machine's end (named after the host) joins the bridge.
        ok("ip", "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", name);
        ok("ip", "link", "set", name, "master", BRIDGE);
        ok("ip", "link", "set", name, "up");
        ok("ip", "-n", name, "addr", "add", address + "/24", "dev", "eth0");
        ok("ip", "-n", name, "link", "set", "eth0", "up");
        ok("ip", "-n", name, "link", "set", "lo", "up");
        ok("ip", "-n", name, "route", "add", "default", "via", GATEWAY);
        // Its own configuration file: the machine's /etc/docker/daemon.json would apply otherwise. Registries are
        // trusted as on any host, through /etc/docker/certs.d/HOST:PORT/ca.crt.
        Path config = Files.writeString(dir.resolve("daemon.json"), "{}\n");
        dockerd = Shell.spawn(List.of("nsenter", "--net=/var/run/netns/" + name, "dockerd",
                "--config-file", config.toString(), "--host", dockerHost(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--containerd-namespace", name, "--containerd-plugins-namespace", name + "-plugins"),
                Map.of(), logs.resolve("dockerd-" + name + ".log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Shell.run(dir, Map.of("DOCKER_HOST", dockerHost()), "docker", "version").exit() != 0) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The dockerd of " + name + " did not start: see "
                        + logs.resolve("dockerd-" + name + ".log"));
            }
            Thread.sleep(200);
        }
    }

    /** For DOCKER_HOST. */
    String dockerHost() {
        return "unix://" + dir.resolve("docker.sock");
    }

    /** Runs {@code command} on this host (in its namespace) with its dockerd as DOCKER_HOST; stopped by close. */
    Process spawn(String log, List<String> command, Map<String, String> env) throws IOException {
        List<String> inside = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + name));
        inside.addAll(command);
        Map<String, String> withDocker = new java.util.HashMap<>(env);
        withDocker.put("DOCKER_HOST", dockerHost());
        Process process = Shell.spawn(inside, withDocker, logs.resolve(log + ".log"));
        processes.add(process);
        return process;
    }

    Shell.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Shell.run(dir, Map.of("DOCKER_HOST", dockerHost()), null, command);
    }

    /**
     * The host is lost: every process started on it SIGKILLed (its node-agent), then its dockerd stopped, which
     * stops its containers. The namespace and its address stay, so connections to it are refused, not dropped.
     */
    void lose() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        processes.clear();
        stopDockerd();
    }

    private void stopDockerd() throws InterruptedException {
        if (dockerd == null) {
            return;
        }
        dockerd.destroy();
        if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
            dockerd.destroyForcibly();
            dockerd.waitFor(10, TimeUnit.SECONDS);
        }
        dockerd = null;
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        processes.clear();
        if (dockerd != null && dockerd.isAlive()) {
            String running = docker("ps", "-aq").out().strip();
            if (!running.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(List.of(running.split("\\s+")));
                docker(rm.toArray(String[]::new));
            }
        }
        stopDockerd();
        remove(name);
    }

    /** Every test host and the bridge, whoever left them (only this JVM may hold the lock while it runs). */
    private static void removeStale() {
        try (var entries = Files.list(Path.of("/var/run/netns"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX)).forEach(TestHost::remove);
        } catch (IOException noNamespaces) {
            // /var/run/netns appears with the first namespace
        }
        try (var entries = Files.list(Path.of("/tmp"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX)).forEach(TestHost::remove);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Shell.run(Path.of("/"), Map.of(), "ip", "link", "del", BRIDGE);
        while (Shell.run(Path.of("/"), Map.of(), "iptables", "-w", "10", "-D", "FORWARD", "-i", BRIDGE, "-o", BRIDGE,
                "-j", "ACCEPT").exit() == 0) {
            // one rule per run that was killed before it removed its own
        }
        // The trust a killed run's registry was given (SecuredRegistry): only for the test network's address.
        try (var entries = Files.list(Path.of("/etc/docker/certs.d"))) {
            entries.filter(p -> p.getFileName().toString().startsWith(GATEWAY + ":"))
                    .forEach(p -> Shell.run(Path.of("/"), Map.of(), "rm", "-rf", p.toString()));
        } catch (IOException none) {
            // no certs.d: nothing was trusted
        }
    }

    /** Stops what runs in test host {@code name}'s namespace (its dockerd first), then removes it and its files. */
    private static void remove(String name) {
        Path dir = Path.of("/tmp", name);
        try {
            Path pidfile = dir.resolve("docker.pid");
            if (Files.exists(pidfile)) {
                long pid = Long.parseLong(Files.readString(pidfile).strip());
                ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").endsWith("dockerd")).ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(t -> null).join();
                    p.destroyForcibly();
                });
            }
            if (Files.exists(Path.of("/var/run/netns", name))) {
                String pids = Shell.run(Path.of("/"), Map.of(), "ip", "netns", "pids", name).out().strip();
                for (String pid : pids.isEmpty() ? new String[0] : pids.split("\\s+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
                Shell.run(Path.of("/"), Map.of(), "ip", "netns", "del", name);
            }
            // dockerd leaves its mounts (overlays, its netns files) under its directories when it stops.
            List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(dir + "/")).sorted(Comparator.reverseOrder()).toList();
            for (String mount : mounts) {
                Shell.run(Path.of("/"), Map.of(), "umount", "-l", mount);
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("cleaning up test host " + name + ": " + e);
        }
        Shell.run(Path.of("/"), Map.of(), "ip", "link", "del", name);
        Shell.run(Path.of("/"), Map.of(), "rm", "-rf", "--one-file-system", dir.toString());
    }

    private static void ok(String... command) {
        Shell.ok(Path.of("/"), Map.of(), command);
    }

    @Override
    public String toString() {
        return "test host " + name + " (" + address + ")";
    }
}
