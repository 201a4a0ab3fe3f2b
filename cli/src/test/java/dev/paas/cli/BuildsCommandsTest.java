package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.paas.api.BuildDetail;
import dev.paas.api.BuildView;
import org.junit.jupiter.api.Test;

class BuildsCommandsTest extends LoggedInCliTest {

    static final BuildView OK = new BuildView(7, "0123456789abcdef", "succeeded", "127.0.0.1:5000/hello:v3",
            Map.of("web", "node index.js"), "ana", Instant.parse("2025-03-01T10:00:00Z"),
            Instant.parse("2025-03-01T10:00:12.5Z"), null);
    static final BuildView FAILED = new BuildView(6, "fedcba9876543210", "failed", null, Map.of(), "ana",
            Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T09:00:03Z"),
            "interrupted: the controller stopped");

    @Test
    void buildsListsNewestFirstWithStatusAndDuration() throws Exception {
        controller.on("GET", "/v1/apps/hello/builds", 200, List.of(OK, FAILED));

        CliRunner.Run run = cli.run("builds", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out().lines().toList().get(1)).startsWith("7   succeeded  0123456  ana").contains("12.5s")
                .endsWith("web");
        assertThat(run.out().lines().toList().get(2)).startsWith("6   failed     fedcba9  ana").contains("3.0s")
                .endsWith("interrupted: the controller stopped");
    }

    @Test
    void buildsInfoShowsTheWholeLog() throws Exception {
        BuildView failed = new BuildView(6, "fedcba9876543210", "failed", null, Map.of(), "ana",
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T09:00:03Z"), "npm ci failed");
        controller.on("GET", "/v1/apps/hello/builds/6", 200, new BuildDetail(failed,
                "-----> Node.js app detected\n !     Build failed: npm ci failed"));

        CliRunner.Run run = cli.run("builds:info", "6", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("=== hello build 6\nStatus:    failed (npm ci failed)\nCommit:    fedcba9876543210\n")
                .endsWith("=== Log\n-----> Node.js app detected\n !     Build failed: npm ci failed\n");
    }

    @Test
    void aBadBuildIdIsRefusedBeforeAskingTheServer() {
        CliRunner.Run run = cli.run("builds:info", "../../x", "-a", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("'../../x' is not a build ID: 'paas builds' lists them.\n");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void cacheClearDeletesTheAppsBuildCache() throws Exception {
        controller.on("DELETE", "/v1/apps/hello/build-cache", 204, null);

        CliRunner.Run run = cli.run("builds:cache:clear", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Clearing the build cache of hello\\.\\.\\. done in \\d+\\.\\ds\n");
        assertThat(controller.only("DELETE", "/v1/apps/hello/build-cache").authorization()).isEqualTo("Bearer tok-ana");
    }
}
