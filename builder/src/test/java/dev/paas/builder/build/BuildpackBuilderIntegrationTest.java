package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.paas.builder.buildpack.BuildpackRunner;
import dev.paas.builder.buildpack.BuiltinBuildpacks;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

/** The real thing: the local Docker engine, the build and run stack images, a registry on loopback. */
class BuildpackBuilderIntegrationTest {

    private static final String APP_PY = """
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer

            class Hello(BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b"%s"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

            print("listening on", os.environ["PORT"])
            HTTPServer(("", int(os.environ["PORT"])), Hello).serve_forever()
            """;

    private static DockerClient docker;
    private static TestRegistry registry;

    @TempDir
    Path dir;

    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> dependencyImagesOf = new ArrayList<>();
    private final List<BuildpackBuilder> builders = new ArrayList<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        docker = LocalDocker.connect();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker does not answer: " + e.getMessage());
        }
        try {
            docker.inspectImageCmd(BuildpackBuilder.RUN_IMAGE).exec();
            docker.inspectImageCmd(BuildpackRunner.STACK_IMAGE).exec();
        } catch (NotFoundException e) {
            assumeTrue(false, "A stack image is missing: run deploy/lib/images.sh");
        }
        registry = TestRegistry.clusterOrPrivate();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @AfterEach
    void removeContainersAndImages() {
        builders.forEach(BuildpackBuilder::close);
        containers.forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
        for (String image : images) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException buildFailedBeforeTagging) {
                continue;
            }
            String[] repoAndTag = image.substring(registry.address().length() + 1).split(":");
            registry.delete(repoAndTag[0], repoAndTag[1]);
        }
        for (String app : dependencyImagesOf) {
            String prefix = BuildpackBuilder.DEPENDENCY_REPOSITORY + app + ":";
            for (var image : docker.listImagesCmd().exec()) {
                for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                    if (tag.startsWith(prefix)) {
                        docker.removeImageCmd(tag).withForce(true).exec();
                    }
                }
            }
        }
    }

    @Test
    void buildsPushesAndRunsAPythonAppThenRebuildsItWithNewCode() throws Exception {
        String app = "test-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestRepo repo = TestRepo.create(dir.resolve(app + ".git"))) {
            ObjectId v1 = repo.tree()
                    .file("Procfile", "web: python3 app.py  # the whole app\n")
                    .file("requirements.txt", "# standard library only\n")
                    .file("app.py", APP_PY.formatted("hello"))
                    .executable("bin/run", "#!/bin/sh\nexec python3 app.py\n")
                    .symlink("current.py", "app.py")
                    .submodule("vendor/lib")
                    .commit();
            List<String> log = new CopyOnWriteArrayList<>();
            String image = registry.address() + "/" + app + ":v1";
            images.add(image);

            BuildResult result = builder().build(request(app, repo, v1, image, Map.of()), log::add);
            System.out.println(String.join("\n", log));

            assertThat(result).isEqualTo(new BuildResult(image, Map.of("web", "python3 app.py"), 5000, "python"));
            assertThat(log).contains("-----> Python app detected (buildpack python)",
                    "       Procfile declares types -> web",
                    "-----> Pushed " + image);
            assertThat(log).contains("-----> Layering the app on paas/stack-run:bookworm");
            assertThat(log).last().asString().startsWith("       Built and pushed in ");

            InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
            assertThat(inspected.getConfig().getCmd()).containsExactly("/bin/sh", "-c", "python3 app.py");
            assertThat(inspected.getConfig().getEnv()).contains("PORT=5000");
            assertThat(inspected.getConfig().getEntrypoint()).containsExactly("/paas/launch");
            assertThat(inspected.getConfig().getWorkingDir()).isEqualTo("/app");
            assertThat(inspected.getConfig().getUser()).as("the run stack's unprivileged user").isEqualTo("10000:10000");
            assertThat(inspected.getConfig().getLabels()).containsEntry("paas.build.app", app)
                    .containsEntry("org.opencontainers.image.revision", v1.name());
            assertThat(registry.tags(app)).contains("\"v1\"");

            assertThat(exitCode(image, "test -x bin/run && test ! -x app.py && test -L current.py && test ! -e vendor"
                    + " && test \"$PYTHONUNBUFFERED\" = 1 && test \"$HOME\" = /app"
                    + " && test \"$(id -u)\" = 10000 && test -O app.py && touch /app/new && test ! -w /paas/launch"))
                    .as("executable bit, symlink, skipped submodule, .profile.d sourced by the launcher, /app the app's"
                            + " own, the launcher not").isZero();
            assertThat(get(run(image, result.processTypes().get("web")))).isEqualTo("hello");

            ObjectId v2 = repo.tree()
                    .file("Procfile", "web: python3 app.py\n")
                    .file("requirements.txt", "")
                    .file("app.py", APP_PY.formatted("hello again"))
                    .commit();
            String image2 = registry.address() + "/" + app + ":v2";
            images.add(image2);
            log.clear();
            builder().build(request(app, repo, v2, image2, Map.of()), log::add);
            System.out.println(String.join("\n", log));

            assertThat(get(run(image2, "python3 app.py"))).as("no stale layer from v1").isEqualTo("hello again");
        }
    }

    @Test
    void failsWithAClearMessageWhenTheBuildStackIsMissing() throws Exception {
        try (TestRepo repo = TestRepo.create(dir.resolve("broken.git"))) {
            ObjectId commit = repo.tree().file("Procfile", "web: python3 app.py\n").file("app.py", "").commit();
            BuildpackBuilder builder = new BuildpackBuilder(docker, "paas/no-such-stack:bookworm",
                    BuiltinBuildpacks.extract(), new BuildCache(dir.resolve("cache"), 1 << 30), dir.resolve("work"));
            builders.add(builder);

            assertThatThrownBy(() -> builder.build(request("broken", repo, commit,
                    registry.address() + "/broken:v1", Map.of()), line -> { }))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessage("The build stack image paas/no-such-stack:bookworm is missing on the build host:"
                            + " build it with deploy/lib/images.sh.");
        }
    }

    @Test
    void runsTheBuildpacksNamedInDotBuildpacksInOrderWithTheConfigInEnvDir() throws Exception {
        Path pack = dir.resolve("greeting-pack");
        TestBuildpack.write(pack, "Greeting", """
                echo "-----> Writing the greeting from ENV_DIR"
                cp "$3/GREETING" "$1/greeting.txt"
                echo "$(( $(cat "$2/count" 2>/dev/null || echo 0) + 1 ))" > "$2/count"
                cp "$2/count" "$1/builds.txt"
                """, "worker: cat greeting.txt builds.txt");
        String app = "test-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestRepo repo = TestRepo.create(dir.resolve(app + ".git"))) {
            ObjectId commit = repo.tree()
                    .file(".buildpacks", "# the greeting first, then the app\n" + pack + "\npython\n")
                    .file("requirements.txt", "")
                    .file("app.py", APP_PY.formatted("hi"))
                    .commit();
            List<String> log = new CopyOnWriteArrayList<>();
            String image = registry.address() + "/" + app + ":v1";
            images.add(image);
            BuildpackBuilder builder = builder();

            builder.build(request(app, repo, commit, image, Map.of("GREETING", "bonjour")), log::add);
            BuildResult second = builder.build(request(app, repo, commit, image, Map.of("GREETING", "salut")),
                    log::add);

            assertThat(log).containsSubsequence("-----> Greeting app detected (buildpack " + pack + ")",
                    "-----> Python app detected (buildpack python)", "-----> Writing the greeting from ENV_DIR");
            assertThat(second.language()).isEqualTo(pack + ", python");
            assertThat(second.processTypes()).containsExactly(Map.entry("worker", "cat greeting.txt builds.txt"),
                    Map.entry("web", "python3 app.py"));
            assertThat(output(image, "cat greeting.txt builds.txt")).isEqualTo("salut2\n")
                    .as("config from ENV_DIR, and CACHE_DIR kept from the first build");
        }
    }

    @Test
    void shipsADependencyLayerOnceAndReusesItWhileItsKeyHolds() throws Exception {
        Path pack = dir.resolve("deps-pack");
        TestBuildpack.write(pack, "Deps", """
                key="$(cat "$1/deps.lock")"
                if [ "$(cat "$2/deps.key" 2>/dev/null)" != "$key" ]; then
                  echo "-----> Installing $key"
                  rm -rf "$2/deps" && mkdir -p "$2/deps/pkg" && echo "$key" > "$2/deps/pkg/version.txt"
                  echo "$key" > "$2/deps.key"
                fi
                mkdir -p "$1/.paas" && echo "deps lib/deps $key" > "$1/.paas/dependency-layer"
                """, "web: cat lib/deps/pkg/version.txt code.txt");
        String app = "test-" + UUID.randomUUID().toString().substring(0, 8);
        dependencyImagesOf.add(app);
        try (TestRepo repo = TestRepo.create(dir.resolve(app + ".git"))) {
            BuildpackBuilder builder = builder();
            List<String> log = new CopyOnWriteArrayList<>();
            List<String> built = new ArrayList<>();
            String[][] pushes = {{"1.0", "one"}, {"1.0", "two"}, {"2.0", "three"}};
            for (String[] push : pushes) {
                ObjectId commit = repo.tree().file(".buildpacks", pack + "\n").file("deps.lock", push[0])
                        .file("code.txt", push[1]).commit();
                String image = registry.address() + "/" + app + ":v" + (built.size() + 1);
                images.add(image);
                log.add("=== " + image);
                builder.build(request(app, repo, commit, image, Map.of()), log::add);
                built.add(image);
            }

            assertThat(log).containsSubsequence("=== " + built.get(0), "-----> Installing 1.0",
                    "-----> Making a dependency layer of lib/deps",
                    "=== " + built.get(1), "-----> Reusing the dependency layer of lib/deps (unchanged)",
                    "=== " + built.get(2), "-----> Installing 2.0", "-----> Making a dependency layer of lib/deps");
            assertThat(output(built.get(0), "cat lib/deps/pkg/version.txt code.txt; test -e .paas && echo .paas"))
                    .isEqualTo("1.0\none");
            assertThat(output(built.get(1), "cat lib/deps/pkg/version.txt code.txt")).isEqualTo("1.0\ntwo");
            assertThat(output(built.get(2), "cat lib/deps/pkg/version.txt code.txt")).isEqualTo("2.0\nthree");
            List<String> first = docker.inspectImageCmd(built.get(0)).exec().getRootFS().getLayers();
            List<String> second = docker.inspectImageCmd(built.get(1)).exec().getRootFS().getLayers();
            List<String> third = docker.inspectImageCmd(built.get(2)).exec().getRootFS().getLayers();
            assertThat(second).as("the same dependency layer, a new app layer").hasSameSizeAs(first)
                    .startsWith(first.subList(0, first.size() - 1).toArray(String[]::new))
                    .last().isNotEqualTo(first.get(first.size() - 1));
            assertThat(third.get(third.size() - 2)).as("a new dependency layer").isNotEqualTo(first.get(first.size() - 2));
        }
    }

    /** A runtime layer under the packages' layer: new packages reuse the runtime's layer, and both are shipped. */
    @Test
    void chainsDependencyLayersAndRemakesOnlyFromTheFirstThatChanged() throws Exception {
        Path pack = dir.resolve("chain-pack");
        TestBuildpack.write(pack, "Chain", """
                key="$(cat "$1/deps.lock")"
                mkdir -p "$2/rt/bin" && echo "runtime 1" > "$2/rt/bin/version.txt"
                rm -rf "$2/deps" && mkdir -p "$2/deps" && echo "$key" > "$2/deps/version.txt"
                mkdir -p "$1/.paas" && printf 'rt/bin .runtime/bin runtime-1\\ndeps lib/deps %s\\n' "$key" > "$1/.paas/dependency-layer"
                """, "web: cat .runtime/bin/version.txt lib/deps/version.txt");
        String app = "test-" + UUID.randomUUID().toString().substring(0, 8);
        dependencyImagesOf.add(app);
        try (TestRepo repo = TestRepo.create(dir.resolve(app + ".git"))) {
            BuildpackBuilder builder = builder();
            List<String> log = new CopyOnWriteArrayList<>();
            List<String> built = new ArrayList<>();
            for (String lock : new String[] {"1.0", "2.0"}) {
                ObjectId commit = repo.tree().file(".buildpacks", pack + "\n").file("deps.lock", lock).commit();
                String image = registry.address() + "/" + app + ":v" + (built.size() + 1);
                images.add(image);
                log.add("=== " + image);
                builder.build(request(app, repo, commit, image, Map.of()), log::add);
                built.add(image);
            }

            assertThat(log).containsSubsequence("=== " + built.get(0),
                    "-----> Making a dependency layer of .runtime/bin", "-----> Making a dependency layer of lib/deps",
                    "=== " + built.get(1), "-----> Reusing the dependency layer of .runtime/bin (unchanged)",
                    "-----> Making a dependency layer of lib/deps");
            assertThat(output(built.get(0), "cat .runtime/bin/version.txt lib/deps/version.txt"))
                    .isEqualTo("runtime 1\n1.0\n");
            assertThat(output(built.get(1), "cat .runtime/bin/version.txt lib/deps/version.txt"))
                    .isEqualTo("runtime 1\n2.0\n");
            List<String> first = docker.inspectImageCmd(built.get(0)).exec().getRootFS().getLayers();
            List<String> second = docker.inspectImageCmd(built.get(1)).exec().getRootFS().getLayers();
            assertThat(second.get(second.size() - 3)).as("the runtime's layer, shared")
                    .isEqualTo(first.get(first.size() - 3));
            assertThat(second.get(second.size() - 2)).as("a new packages layer")
                    .isNotEqualTo(first.get(first.size() - 2));
        }
    }

    @Test
    void refusesAnAppNoBuildpackDetects() throws Exception {
        try (TestRepo repo = TestRepo.create(dir.resolve("nothing.git"))) {
            ObjectId commit = repo.tree().file("notes.txt", "nothing to run\n").commit();
            List<String> log = new CopyOnWriteArrayList<>();

            assertThatThrownBy(() -> builder().build(request("nothing", repo, commit,
                    registry.address() + "/nothing:v1", Map.of()), log::add))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("No buildpack detected this app: add a package.json (Node.js)");
        }
    }

    /** One per test: a second one on the same work directory would remove what the first started ahead. */
    private BuildpackBuilder builder() {
        if (builders.isEmpty()) {
            builders.add(new BuildpackBuilder(docker, new BuildCache(dir.resolve("cache"), 1 << 30),
                    dir.resolve("work"), BuildLimits.defaults().withLocalBuildpacks(dir)));
        }
        return builders.get(0);
    }

    private BuildRequest request(String app, TestRepo repo, ObjectId commit, String image, Map<String, String> config) {
        return new BuildRequest(app, repo.repository, commit, image, config);
    }

    private String output(String image, String script) {
        String id = docker.createContainerCmd(image).withCmd("/bin/sh", "-c", script).exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                    com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                    out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** Runs the image the way the node-agent does: the Procfile command through sh, PORT set, loopback only. */
    private int run(String image, String command) throws IOException {
        int hostPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            hostPort = socket.getLocalPort();
        }
        String id = docker.createContainerCmd(image)
                .withEnv("PORT=5000")
                .withCmd("/bin/sh", "-c", command)
                .withExposedPorts(ExposedPort.tcp(5000))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), ExposedPort.tcp(5000))))
                .exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        return hostPort;
    }

    private int exitCode(String image, String script) {
        String id = docker.createContainerCmd(image).withCmd("/bin/sh", "-c", script).exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        return docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
    }

    private static String get(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }
}
