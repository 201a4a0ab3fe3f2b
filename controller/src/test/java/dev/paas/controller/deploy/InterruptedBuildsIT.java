package dev.paas.controller.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.builder.build.LocalDocker;
import dev.paas.controller.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a controller that stopped mid-build leaves, ended at the next start: against real PostgreSQL (a database of
 * its own) and the real Docker engine, with containers that are created but never started.
 */
class InterruptedBuildsIT {

    @Test
    void failsBuildsLeftBuildingAndRemovesOnlyTheBuildContainersOfThisControllersBuildDirectory() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.migratedDatabase("interrupted_builds"));
        long user = jdbc.queryForObject("INSERT INTO users (username, password_hash) VALUES ('ana', 'x') RETURNING id",
                Long.class);
        long app = jdbc.queryForObject("INSERT INTO apps (name, owner_id, formation_id) SELECT 'hello', ?, id"
                + " FROM formations WHERE name = 'default' RETURNING id", Long.class, user);
        long left = build(jdbc, app, "building");
        long done = build(jdbc, app, "succeeded");
        Path buildsDir = Files.createTempDirectory("paas-builds");
        Path elsewhere = Files.createTempDirectory("paas-other-builds");
        try (DockerClient docker = LocalDocker.connect()) {
            String ours = buildContainer(docker, Files.createDirectories(buildsDir.resolve("hello-123/slug")));
            String theirs = buildContainer(docker, elsewhere);
            try {
                InterruptedBuilds recovery = new InterruptedBuilds(jdbc, docker, buildsDir);

                assertThat(recovery.recover()).isEqualTo(1);

                assertThat(jdbc.queryForMap("SELECT status, failure, finished_at IS NOT NULL AS finished, log"
                        + " FROM builds WHERE id = ?", left)).containsEntry("status", "failed")
                        .containsEntry("failure", "interrupted: the controller stopped")
                        .containsEntry("finished", true)
                        .containsEntry("log", "-----> Building\n !     interrupted: the controller stopped");
                assertThat(jdbc.queryForObject("SELECT status FROM builds WHERE id = ?", String.class, done))
                        .isEqualTo("succeeded");
                assertThat(exists(docker, ours)).isFalse();
                assertThat(exists(docker, theirs)).as("another controller's build container").isTrue();
                assertThat(recovery.recover()).as("nothing left to do").isZero();
            } finally {
                docker.removeContainerCmd(theirs).withForce(true).exec();
                if (exists(docker, ours)) {
                    docker.removeContainerCmd(ours).withForce(true).exec();
                }
            }
        }
    }

    private static long build(JdbcTemplate jdbc, long app, String status) {
        return jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, created_by, log)"
                + " VALUES (?, 'abc', ?, 'ana', '-----> Building') RETURNING id", Long.class, app, status);
    }

    /** Labelled and mounted as the builder's buildpack build containers are. */
    private static String buildContainer(DockerClient docker, Path mounted) {
        return docker.createContainerCmd(BuildpackBuilder.RUN_IMAGE)
                .withLabels(Map.of(InterruptedBuilds.BUILD_LABEL, "hello"))
                .withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withMounts(java.util.List.of(new Mount()
                        .withType(MountType.BIND).withSource(mounted.toString()).withTarget("/app"))))
                .exec().getId();
    }

    private static boolean exists(DockerClient docker, String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
