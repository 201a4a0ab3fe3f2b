package dev.paas.builder.build;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster registry on 127.0.0.1:5000 when it answers; otherwise a private Debian {@code docker-registry}
 * on a free loopback port (Docker trusts plain HTTP on 127.0.0.0/8), stopped and wiped by {@link #close()}.
 */
final class TestRegistry implements AutoCloseable {

    private static final String CLUSTER_REGISTRY = "127.0.0.1:5000";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String address;
    private final Process process;
    private final Path storage;

    private TestRegistry(String address, Process process, Path storage) {
        this.address = address;
        this.process = process;
        this.storage = storage;
    }

    static TestRegistry clusterOrPrivate() throws Exception {
        if (answers(CLUSTER_REGISTRY)) {
            return new TestRegistry(CLUSTER_REGISTRY, null, null);
        }
        assumeTrue(new File("/usr/bin/docker-registry").canExecute(),
                "No registry on " + CLUSTER_REGISTRY + " and no docker-registry binary to start one");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path storage = Files.createTempDirectory("paas-test-registry-");
        Path config = storage.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage.resolve("data"), port));
        Process process = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(storage.resolve("registry.log").toFile())
                .start();
        TestRegistry registry = new TestRegistry("127.0.0.1:" + port, process, storage);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!answers(registry.address)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(storage.resolve("registry.log"));
                registry.close();
                throw new IllegalStateException("docker-registry did not start: " + log);
            }
            Thread.sleep(100);
        }
        return registry;
    }

    String address() {
        return address;
    }

    /** The tags the registry holds for a repository, as its JSON answer. */
    String tags(String repository) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/" + repository + "/tags/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Best effort, so a shared registry does not collect test images; it fails quietly when delete is off. */
    void delete(String repository, String tag) {
        try {
            URI manifest = URI.create("http://" + address + "/v2/" + repository + "/manifests/" + tag);
            HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(manifest)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                    .build(), HttpResponse.BodyHandlers.discarding());
            head.headers().firstValue("Docker-Content-Digest").ifPresent(digest -> {
                try {
                    HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/" + repository
                            + "/manifests/" + digest)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException ignored) {
                    // Leaving one small test image behind is harmless.
                }
            });
        } catch (IOException | InterruptedException ignored) {
            // As above.
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (storage != null) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static boolean answers(String address) {
        try {
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address + "/v2/"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
