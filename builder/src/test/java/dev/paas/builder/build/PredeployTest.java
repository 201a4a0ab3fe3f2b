package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

/**
 * app.json's predeploy on the real Docker engine and the cluster registry: what the command writes becomes part of the
 * image, the config it was given does not, and a value is never run as code.
 */
class PredeployTest {

    private static final String BASE = "paas/stack-run:bookworm";
    private static final String IMAGE = "127.0.0.1:5000/predeploy-test:v1";

    @Test
    void commitsTheCommandsChangesButNotTheConfig() throws Exception {
        DockerClient docker = LocalDocker.connect();
        try {
            docker.inspectImageCmd(BASE).exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker or " + BASE + " is missing: " + e.getMessage());
        }
        docker.tagImageCmd(BASE, "127.0.0.1:5000/predeploy-test", "v1").withForce().exec();
        List<String> log = new CopyOnWriteArrayList<>();
        try {
            int code = new ReleasePhase(docker).predeploy("predeploy-test", IMAGE,
                    "echo \"$GREETING\" > /tmp/predeployed && echo done",
                    Map.of("GREETING", "it's $(id) `id`; \"quoted\""), Duration.ofSeconds(60), log::add);
            assertThat(code).as(String.join("\n", log)).isZero();
            assertThat(log).contains(DockerOutput.INDENT + "done");

            String[] env = docker.inspectImageCmd(IMAGE).exec().getConfig().getEnv();
            assertThat(env == null ? List.of() : Arrays.asList(env)).noneMatch(e -> e.startsWith("GREETING="));
            List<String> shown = new CopyOnWriteArrayList<>();
            assertThat(new ReleasePhase(docker).run("predeploy-test", IMAGE, "cat /tmp/predeployed", Map.of(),
                    Duration.ofSeconds(60), shown::add)).isZero();
            assertThat(shown).containsExactly(DockerOutput.INDENT + "it's $(id) `id`; \"quoted\"");

            List<String> failing = new CopyOnWriteArrayList<>();
            String before = docker.inspectImageCmd(IMAGE).exec().getId();
            assertThat(new ReleasePhase(docker).predeploy("predeploy-test", IMAGE, "touch /tmp/x; echo broken; exit 3",
                    Map.of(), Duration.ofSeconds(60), failing::add)).isEqualTo(3);
            assertThat(failing).contains(DockerOutput.INDENT + "broken");
            assertThat(docker.inspectImageCmd(IMAGE).exec().getId()).isEqualTo(before);
        } finally {
            try {
                docker.removeImageCmd(IMAGE).withForce(true).exec();
            } catch (NotFoundException gone) {
                // never made
            }
        }
    }
}
