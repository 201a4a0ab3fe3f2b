package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * App code runs in the build and the controller reads back what the build wrote, as root on the host: a build
 * script that turns those files into links to the host's secrets must get the push refused, the file named, and
 * not a byte of the secret in the pusher's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BuildSandboxIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;
    private Path adminPassword;

    /**
     * The e2e platform hands the admin password to the controller in its environment; deploy/up keeps it in
     * /var/lib/paas/secrets/admin-password. That file is made here, with the same password, for the link to aim at.
     */
    @BeforeAll
    void startPlatform() throws Exception {
        // A cluster of its own: its attacks must not share a controller with other classes.
        cluster = Cluster.started(1, java.util.Map.of());
        user = User.loggedIn(cluster);
        Path secrets = Files.createDirectories(user.work.resolve("secrets"));
        adminPassword = Files.writeString(secrets.resolve("admin-password"), Cluster.ADMIN_PASSWORD);
        Files.setPosixFilePermissions(adminPassword, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    void stopPlatform() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aBuildScriptLinkingTheDependencyLayerToTheAdminPasswordIsRefused() throws Exception {
        String app = "deplink-" + run;
        Path dir = withBuildScript(app, "mkdir -p .paas && ln -sf " + adminPassword + " .paas/dependency-layer");

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains(".paas/dependency-layer leads outside the app");
        assertThat(push.all()).doesNotContain(Cluster.ADMIN_PASSWORD);
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    /** The controller's own environment holds the admin password: /proc/self is the controller when it reads. */
    @Test
    void aBuildScriptLinkingTheProcfileToTheControllersEnvironmentIsRefused() throws Exception {
        String app = "proclink-" + run;
        Path dir = withBuildScript(app, "ln -sf /proc/self/environ Procfile");

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("Procfile leads outside the app");
        assertThat(push.all()).doesNotContain(Cluster.ADMIN_PASSWORD, Cluster.NODE_TOKEN);
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    /** The node-express sample with a package.json "build" script, which the nodejs buildpack runs in the build. */
    private Path withBuildScript(String app, String script) throws Exception {
        Path dir = user.checkout("node-express", app);
        User.edit(dir.resolve("package.json"), "\"start\": \"node index.js\"",
                "\"start\": \"node index.js\",\n    \"build\": \"" + script + "\"");
        user.commitAll(dir, "a build script");
        return dir;
    }
}
