package dev.paas.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.paas.agent.images.ImagePruner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pruner against the local dockerd and a throw-away registry. */
class ImagePrunerOnDockerTest {

    private static DockerContainerEngine engine;

    @BeforeAll
    static void docker() throws InterruptedException {
        engine = LocalDocker.engineWith(LocalDocker.STACK_IMAGE);
        assumeTrue(Files.isExecutable(LoopbackRegistry.BINARY), "docker-registry is not installed");
    }

    @Test
    void removesOnlyTheOldCopiesTheRegistryNoLongerKeeps() throws Exception {
        String node = "prune-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> containers = new ArrayList<>();
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            String repository = registry.host() + "/" + node;
            for (int version = 1; version <= 4; version++) {
                buildTinyImage(repository + ":v" + version, "v" + version);
                if (version < 4) {
                    engine.client().pushImageCmd(repository).withTag("v" + version)
                            .exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion(2, TimeUnit.MINUTES);
                }
            }
            deleteManifest(registry.host(), node, "v1");
            deleteManifest(registry.host(), node, "v3");
            containers.add(engine.client().createContainerCmd(repository + ":v3").withCmd("/hello.txt")
                    .withLabels(Map.of("paas.managed", "true", "paas.node", node)).exec().getId());
            try {
                List<String> removed = new ImagePruner(engine.client(), node, Duration.ofMinutes(10)).prune();

                assertThat(removed).as("v1: gone from the registry; v2: still kept there; v3: in use;"
                        + " v4: newer, not pushed yet").containsExactly(repository + ":v1");
                assertThat(has(repository + ":v1")).isFalse();
                assertThat(has(repository + ":v2")).isTrue();
                assertThat(has(repository + ":v3")).isTrue();
                assertThat(has(repository + ":v4")).isTrue();
            } finally {
                containers.forEach(id -> engine.client().removeContainerCmd(id).withForce(true).exec());
                for (int version = 1; version <= 4; version++) {
                    try {
                        engine.client().removeImageCmd(repository + ":v" + version).withForce(true).exec();
                    } catch (NotFoundException removedAlready) {
                        // v1
                    }
                }
            }
        }
    }

    private static void deleteManifest(String host, String repository, String tag) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + host + "/v2/" + repository + "/manifests/";
        String digest = http.send(HttpRequest.newBuilder(URI.create(base + tag))
                        .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Docker-Content-Digest").orElseThrow();
        int status = http.send(HttpRequest.newBuilder(URI.create(base + digest)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(202);
    }

    /** FROM scratch plus one file whose content makes each image (and its manifest) distinct. */
    private static void buildTinyImage(String tag, String content) throws Exception {
        Path dir = Files.createTempDirectory("paas-agent-image");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
            Files.writeString(dir.resolve("hello.txt"), content + "\n");
            engine.client().buildImageCmd(dir.toFile()).withTags(Set.of(tag)).start().awaitImageId();
        } finally {
            Files.delete(dir.resolve("Dockerfile"));
            Files.delete(dir.resolve("hello.txt"));
            Files.delete(dir);
        }
    }

    private static boolean has(String image) {
        return LocalDocker.hasImage(engine, image);
    }
}
