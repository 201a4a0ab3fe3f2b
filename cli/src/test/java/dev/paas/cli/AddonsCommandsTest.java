package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.AddonRotation;
import dev.paas.api.AddonView;
import dev.paas.api.ReleaseView;
import org.junit.jupiter.api.Test;

class AddonsCommandsTest extends LoggedInCliTest {

    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    static final AddonView REDIS = new AddonView("redis-amber-42", "redis", "hobby", "up", "node1", "admin", AT,
            List.of(new AddonView.Attachment("shop", "REDIS_URL"), new AddonView.Attachment("admin-tool", "CACHE_URL")));

    @Test
    void rotateSaysWhichReleaseEachAttachedAppGot() throws Exception {
        controller.on("POST", "/v1/addons/redis-amber-42/credentials/rotate", 200, new AddonRotation(REDIS, List.of(
                new AddonRotation.AppRelease("shop", "REDIS_URL", release(7, "succeeded", null)),
                new AddonRotation.AppRelease("admin-tool", "CACHE_URL", null))));

        CliRunner.Run run = cli.run("addons:credentials:rotate", "redis-amber-42");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Rotating the credentials of redis-amber-42\\.\\.\\. done in \\d+\\.\\ds\n"
                + "  shop: REDIS_URL in v7\n"
                + "  admin-tool: CACHE_URL set \\(no build yet: it applies from the first deploy\\)\n");
    }

    @Test
    void aReleaseThatFailedIsSaidAndExitCode1() throws Exception {
        controller.on("POST", "/v1/addons/redis-amber-42/credentials/rotate", 200, new AddonRotation(REDIS, List.of(
                new AddonRotation.AppRelease("shop", "REDIS_URL", release(7, "failed", "web.1 never became healthy")))));

        CliRunner.Run run = cli.run("addons:credentials:rotate", "redis-amber-42");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("shop: v7 failed: web.1 never became healthy; see 'paas releases -a shop'.\n");
    }

    @Test
    void aRefusalIsOneLineAndExitCode1() throws Exception {
        controller.on("POST", "/v1/addons/redis-amber-42/credentials/rotate", 403, "{\"message\":\"Only"
                + " redis-amber-42's owner or an admin can rotate its credentials: it changes every app it is attached"
                + " to.\"}");

        CliRunner.Run run = cli.run("addons:credentials:rotate", "redis-amber-42");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Rotating the credentials of redis-amber-42... failed\n");
        assertThat(run.err()).startsWith("Only redis-amber-42's owner or an admin");
    }

    private static ReleaseView release(int version, String status, String failure) {
        return new ReleaseView(version, "Rotate the credentials of redis-amber-42", "admin", AT, status, failure, null,
                null, null);
    }
}
