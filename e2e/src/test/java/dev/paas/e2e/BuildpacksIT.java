package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each built-in buildpack with a real sample app from examples/, pushed with the real git client to a whole
 * platform, then served through nginx; the build cache on a second push; buildpacks the app names itself.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BuildpacksIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    @Test
    void nodeAppWithExpressFromNpmThenAWarmPushReusesNodeModules() throws Exception {
        String app = "node-" + run;
        Path dir = user.checkout("node-express", app);

        Shell.Result cold = user.push(dir);
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Node.js app detected (buildpack nodejs)",
                "remote: -----> Installing dependencies: npm ci", "remote: -----> Deployed v1");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Node.js\n200");

        User.edit(dir.resolve("index.js"), "Hello from Node.js", "Hello again from Node.js");
        user.commitAll(dir, "new message");
        Shell.Result warm = user.push(dir);
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Restoring node_modules from the cache")
                .doesNotContain("npm ci");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello again from Node.js\n200");
    }

    @Test
    void pythonApp() {
        String app = "py-" + run;
        Shell.Result push = user.push(user.checkout("python-hello", app));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Python app detected (buildpack python)",
                "Default types for buildpack -> web");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Python\n200");
    }

    @Test
    void javaAppBuiltWithMavenAndADependencyFromMavenCentral() {
        String app = "java-" + run;
        Shell.Result push = user.push(user.checkout("java-maven", app));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Java (Maven) app detected (buildpack java)",
                "BUILD SUCCESS");
        assertThat(cluster.curl(app).out()).isEqualTo("{\"message\":\"Hello from Java\"}\n200");
        assertThat(cluster.dataDir.resolve("cache/" + app + "/m2/com/google/code/gson/gson/2.11.0"))
                .as("the local Maven repository is kept in the app's build cache").isDirectory();
    }

    @Test
    void goApp() {
        String app = "go-" + run;
        Shell.Result push = user.push(user.checkout("go-hello", app));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Go app detected (buildpack go)");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Go\n200");
    }

    @Test
    void staticSite() {
        String app = "static-" + run;
        Shell.Result push = user.push(user.checkout("static-site", app));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Static site app detected (buildpack static)");
        assertThat(cluster.curl(app).out()).contains("<p>Hello from a static site</p>").endsWith("200");
    }

    /**
     * A buildpack from the admin's buildpack directory, then a built-in one, as a .buildpacks file lists them; the
     * same buildpack as a file:// git URL is refused (it would read the controller's disk).
     */
    @Test
    void buildpacksNamedInDotBuildpacksRunInOrder() throws Exception {
        Path pack = cluster.buildpacksDir.resolve("motd-" + run);
        Files.createDirectories(pack.resolve("bin"));
        script(pack.resolve("bin/detect"), "echo MOTD");
        script(pack.resolve("bin/compile"), "echo '-----> Writing the message of the day'; echo 'motd v1' > \"$1/motd.txt\"");
        Shell.ok(pack, user.git, "git", "init", "-q", "-b", "main");
        user.commitAll(pack, "v1");
        Shell.ok(pack, user.git, "git", "tag", "v1");
        script(pack.resolve("bin/compile"), "echo 'motd v2' > \"$1/motd.txt\"");
        user.commitAll(pack, "v2");

        String app = "multi-" + run;
        Path dir = user.checkout("static-site", app);
        Files.writeString(dir.resolve(".buildpacks"), "file://" + pack + "#v1\nstatic\n");
        user.commitAll(dir, "choose buildpacks by a file:// URL");
        Shell.Result refused = user.push(dir);

        assertThat(refused.exit()).as(refused.all()).isNotZero();
        assertThat(refused.err()).contains(".buildpacks line 1: 'file://" + pack + "#v1' is refused: buildpacks come"
                + " from https://");

        Shell.ok(pack, user.git, "git", "checkout", "-q", "v1");
        Files.writeString(dir.resolve(".buildpacks"), pack + "\nstatic\n");
        user.commitAll(dir, "choose buildpacks");
        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).containsSubsequence("remote: -----> MOTD app detected",
                "remote: -----> Static site app detected (buildpack static)",
                // every buildpack detects first, then each compiles in the order .buildpacks lists them
                "remote: -----> Writing the message of the day", "remote: -----> Serving /app over HTTP");
        assertThat(Shell.run(user.work, Map.of(), "curl", "-sS", "-H", "Host: " + app + ".localhost",
                "http://127.0.0.1:" + cluster.routerPort + "/motd.txt").out()).isEqualTo("motd v1\n");
    }

    @Test
    void aFailingNpmInstallRejectsThePushWithItsOutput() throws Exception {
        String app = "badnpm-" + run;
        Path dir = user.checkout("node-express", app);
        Files.delete(dir.resolve("package-lock.json"));
        User.edit(dir.resolve("package.json"), "\"express\": \"4.21.2\"", "\"no-such-package-paas-e2e\": \"1.0.0\"");
        user.commitAll(dir, "a dependency that does not exist");

        Shell.Result push = user.push(dir);
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("npm ERR! 404", "Buildpack nodejs failed to compile the app")
                .contains("[remote rejected]");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    @Test
    void aMalformedPackageJsonRejectsThePushSayingWhy() throws Exception {
        String app = "badjson-" + run;
        Path dir = user.checkout("node-express", app);
        Files.writeString(dir.resolve("package.json"), "{ \"name\": \"broken\", }\n");
        user.commitAll(dir, "a trailing comma");

        Shell.Result push = user.push(dir);
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("package.json is not a JSON object with an optional \"scripts\" object",
                "Buildpack nodejs failed to compile the app");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    @Test
    void aCompileErrorRejectsThePushWithTheCompilersMessage() throws Exception {
        String app = "badgo-" + run;
        Path dir = user.checkout("go-hello", app);
        User.edit(dir.resolve("main.go"), "fmt.Fprintln(w, message)", "fmt.Fprintln(w, undefinedThing)");
        user.commitAll(dir, "does not compile");

        Shell.Result push = user.push(dir);
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("undefined: undefinedThing", "Buildpack go failed to compile the app");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    @Test
    void anAppNoBuildpackDetectsIsRejected() throws Exception {
        String app = "nothing-" + run;
        Path dir = user.checkout("static-site", app);
        Files.move(dir.resolve("index.html"), dir.resolve("page.html"));
        user.commitAll(dir, "no index.html");

        Shell.Result push = user.push(dir);
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("No buildpack detected this app: add a package.json (Node.js)");
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        // Builds run as uid 10000: an admin's buildpack must be executable by others too (mode 755).
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
