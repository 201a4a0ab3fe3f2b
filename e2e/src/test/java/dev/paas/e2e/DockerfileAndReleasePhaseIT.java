package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** Apps with their own Dockerfile, and the release phase: real pushes to a whole platform. */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DockerfileAndReleasePhaseIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    /** EXPOSE 8000 becomes PORT; the CMD runs behind the image's ENTRYPOINT, as docker run would run it. */
    @Test
    void dockerfileAppIsBuiltWithItsOwnDockerfileAndServed() {
        String app = "docker-" + run;
        Shell.Result push = user.push(user.checkout("dockerfile-app", app));

        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Dockerfile app detected", "Step 1/",
                "Web port 8000 (PORT is set to it)", "Default types for Dockerfile CMD -> web",
                "remote: -----> Deployed v1");
        assertThat(cluster.curl(app).out())
                .isEqualTo("Hello from a Dockerfile on port 8000, started by the entrypoint\n200");
    }

    @Test
    void aReleaseCommandRunsBeforeRolloutAndItsFailureRollsOutNothing() throws Exception {
        String app = "release-" + run;
        Path dir = user.checkout("python-hello", app);
        Files.writeString(dir.resolve("Procfile"), """
                web: python3 app.py
                release: echo "migrating for $PAAS_RELEASE"
                """);
        user.commitAll(dir, "with a release phase");
        Shell.Result first = user.push(dir);
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.err()).containsSubsequence("remote: -----> Running the release command",
                "remote:        migrating for v1", "remote: -----> Deployed v1");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Python\n200");

        User.edit(dir.resolve("app.py"), "Hello from Python", "Hello from a release that never runs");
        Files.writeString(dir.resolve("Procfile"), """
                web: python3 app.py
                release: echo "migration failed"; exit 3
                """);
        user.commitAll(dir, "a failing release phase");
        Shell.Result failed = user.push(dir);

        assertThat(failed.exit()).isNotZero();
        assertThat(failed.err()).contains("remote:        migration failed",
                "release command failed (exit 3): v2 failed and nothing was rolled out");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Python\n200");
        Shell.Result releases = user.paas(dir, null, "releases", "-a", app);
        assertThat(releases.out()).as(releases.all()).containsPattern("v2 +failed +Deploy ")
                .containsPattern("v1 +succeeded +Deploy ");
        Shell.Result v2 = user.paas(dir, null, "releases:info", "v2", "-a", app);
        assertThat(v2.out()).as(v2.all())
                .contains("Status:   failed (release command failed (exit 3): v2 failed and nothing was rolled out)");
        assertThat(containers("label=paas.release-phase=" + app)).as("the one-off container is removed").isEmpty();
    }

    private String containers(String filter) {
        return Shell.run(user.work, java.util.Map.of(), "docker", "ps", "-aq", "--filter", filter).out().strip();
    }
}
