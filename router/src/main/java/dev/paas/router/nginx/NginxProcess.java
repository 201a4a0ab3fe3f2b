package dev.paas.router.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The nginx binary driven against one prefix directory. Commands are argument lists, never shell strings.
 * nginx daemonises itself, so it outlives the router: a restarted router adopts it through its pid file.
 */
final class NginxProcess {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final Path dir;

    NginxProcess(Path binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path mainConfig() {
        return dir.resolve("nginx.conf");
    }

    /** {@code nginx -t} on a configuration file; the output says why when it fails. */
    Result test(Path config) throws IOException, InterruptedException {
        return run(List.of("-t", "-q", "-c", config.toString()));
    }

    void start() throws IOException, InterruptedException {
        run(List.of("-c", mainConfig().toString())).orThrow("start nginx");
    }

    void reload() throws IOException, InterruptedException {
        run(List.of("-s", "reload", "-c", mainConfig().toString())).orThrow("reload nginx");
    }

    /** Has the running nginx reopen its log files (USR1), as after they were renamed. */
    void reopen() throws IOException, InterruptedException {
        run(List.of("-s", "reopen", "-c", mainConfig().toString())).orThrow("reopen nginx's logs");
    }

    /** Stops nginx at once (nginx's fast shutdown) and waits, bounded, for the master to be gone. */
    void stop() throws IOException, InterruptedException {
        Optional<ProcessHandle> master = master();
        if (master.isEmpty()) {
            return;
        }
        run(List.of("-s", "stop", "-c", mainConfig().toString())).orThrow("stop nginx");
        // The master deletes its pid file before it closes its listening sockets, so also wait for the process
        // to end; a zombie left for a slow reaper counts as ended (it holds no sockets).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((master().isPresent() || running(master.get())) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    /** The master's current children: its workers. */
    List<ProcessHandle> workers() {
        return master().map(m -> m.children().toList()).orElse(List.of());
    }

    /**
     * Waits until none of the given workers accepts connections any more. After a reload the master lets its old
     * workers keep accepting for about 100 ms next to the new ones; a worker told to go closes its listening
     * sockets as it retitles itself "worker process is shutting down", then finishes its requests in flight.
     */
    static void awaitRetired(List<ProcessHandle> workers, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (workers.stream().anyMatch(NginxProcess::accepting)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx workers from before the reload still accept connections after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static boolean accepting(ProcessHandle worker) {
        try {
            String title = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline"));
            // Empty: a zombie waiting for the master to reap it.
            return worker.isAlive() && !title.isEmpty() && !title.contains("shutting down");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the workers a master killed with SIGKILL left behind. They keep serving on the listening sockets they
     * inherited (with the old shared dict), so no new master could bind them, and no reload ever reaches them.
     * They are this nginx's when they hold a file of its directory open (its logs); told to quit gracefully,
     * they close their listening sockets at once and finish the requests in flight. Called only while no master
     * of this directory runs.
     *
     * @return how many there were
     */
    int stopOrphanedWorkers() throws IOException, InterruptedException {
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("nginx")).orElse(false))
                .filter(this::holdsAFileOfDir)
                .toList();
        for (ProcessHandle orphan : orphans) {
            new ProcessBuilder("kill", "-QUIT", Long.toString(orphan.pid())).redirectErrorStream(true).start()
                    .waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        awaitRetired(orphans, Duration.ofSeconds(10));
        return orphans.size();
    }

    private boolean holdsAFileOfDir(ProcessHandle process) {
        Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
        try (var links = Files.list(fds)) {
            return links.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            });
        } catch (IOException gone) {
            return false;
        }
    }

    boolean isRunning() {
        return master().isPresent();
    }

    /** The live master named by the pid file; a pid reused by another program does not count. */
    Optional<ProcessHandle> master() {
        Path pidFile = dir.resolve("nginx.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("nginx")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        // -e: nginx logs startup errors before it has read error_log, to a compiled-in path otherwise.
        command.addAll(List.of("-p", dir + "/", "-e", dir.resolve("error.log").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting, so a chatty nginx cannot block on a full pipe.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(String.join(" ", command), process.exitValue(), output);
    }

    /** One nginx command's outcome. */
    record Result(String command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        void orThrow(String what) throws IOException {
            if (!ok()) {
                throw new IOException("Could not " + what + " (" + command + " exited " + exitCode + "): " + output);
            }
        }
    }
}
