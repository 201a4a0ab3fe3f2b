package dev.paas.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An image registry of a test's own (Debian's docker-registry, as deploy/up runs for the cluster), on a free
 * loopback port with its storage in a temporary directory: a test may stop it without disturbing the cluster
 * registry on 127.0.0.1:5000 that every other platform on this host pushes to. Docker accepts plain HTTP for any
 * registry on 127.0.0.1.
 */
final class TestRegistry implements AutoCloseable {

    final int port;
    private final Path config;
    private final Path log;
    private Process process;

    TestRegistry(Path dir, Path log) throws IOException {
        this.port = Cluster.freePort();
        this.log = log;
        Files.createDirectories(dir.resolve("storage"));
        config = Files.writeString(dir.resolve("registry.yml"), """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("storage"), port));
    }

    /** The address the controller's PAAS_REGISTRY names. */
    String address() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException {
        process = Shell.spawn(List.of("docker-registry", "serve", config.toString()), Map.of(), log);
        Wait.until(Duration.ofSeconds(30), this::answers);
    }

    /** Stops it as a crash would (SIGKILL of the process this object started, nothing else). */
    void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private boolean answers() {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://" + address() + "/v2/").toURL().openConnection();
            http.setConnectTimeout(1000);
            http.setReadTimeout(1000);
            return http.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            stop();
        }
    }
}
