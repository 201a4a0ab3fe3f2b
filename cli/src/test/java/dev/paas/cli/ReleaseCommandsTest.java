package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.paas.api.ConfigChangeResult;
import dev.paas.api.DrainResult;
import dev.paas.api.ProcessStatus;
import dev.paas.api.ReleaseView;
import dev.paas.api.ScaleResult;
import org.junit.jupiter.api.Test;

/** config, releases, rollback, ps and scale against a fake controller: what they send, print and exit with. */
class ReleaseCommandsTest extends LoggedInCliTest {

    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    static ReleaseView release(int version, String status, String failure) {
        return new ReleaseView(version, "Set GREETING", "ana", AT, status, failure, "abc1234", "img:v" + version,
                Map.of("GREETING", "hi"));
    }

    @Test
    void configSetSplitsAtTheFirstEqualsAndReportsTheRelease() throws Exception {
        controller.on("POST", "/v1/apps/hello/config", 200,
                new ConfigChangeResult(Map.of("GREETING", "a=b c"), release(3, "succeeded", null)));

        CliRunner.Run run = cli.run("config:set", "-a", "hello", "GREETING=a=b c", "EMPTY=");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Setting GREETING, EMPTY and restarting hello\\.\\.\\. v3, done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/hello/config").body())
                .isEqualTo("{\"set\":{\"GREETING\":\"a=b c\",\"EMPTY\":\"\"},\"unset\":[]}");
    }

    @Test
    void aFailedReleaseExitsNonZeroWithTheReason() throws Exception {
        controller.on("POST", "/v1/apps/hello/config", 200, new ConfigChangeResult(Map.of(),
                release(4, "failed", "v4 failed: web.1 exited before it became healthy: see 'paas logs'")));

        CliRunner.Run run = cli.run("config:unset", "-a", "hello", "GREETING");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Unsetting GREETING and restarting hello... failed\n");
        assertThat(run.err()).isEqualTo("v4 failed: web.1 exited before it became healthy: see 'paas logs';"
                + " the previous release keeps serving.\n");
    }

    @Test
    void malformedPairsAreUsageErrorsAndSendNothing() {
        assertThat(cli.run("config:set", "-a", "hello", "NOEQUALS").exitCode()).isEqualTo(2);
        assertThat(cli.run("scale", "-a", "hello", "web=lots").exitCode()).isEqualTo(2);
        assertThat(cli.run("rollback", "-a", "hello", "vx").exitCode()).isEqualTo(2);
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void configGetPrintsTheValueOrFails() throws Exception {
        controller.on("GET", "/v1/apps/hello/config", 200, Map.of("GREETING", "hi there"));

        assertThat(cli.run("config:get", "-a", "hello", "GREETING").out()).isEqualTo("hi there\n");
        CliRunner.Run missing = cli.run("config:get", "-a", "hello", "NOPE");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Config var NOPE is not set on hello: 'paas config' lists them.\n");
    }

    @Test
    void releasesPrintsATableAndRollbackNamesTheTarget() throws Exception {
        controller.on("GET", "/v1/apps/hello/releases", 200, List.of(release(2, "failed", "x"), release(1, "succeeded", null)))
                .on("POST", "/v1/apps/hello/rollback", 200, release(3, "succeeded", null));

        assertThat(cli.run("releases", "-a", "hello").out())
                .contains("VERSION  STATUS     SUMMARY       BY   CREATED")
                .contains("v2       failed     Set GREETING  ana");
        CliRunner.Run back = cli.run("rollback", "-a", "hello", "v1");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).matches("Rolling back hello to v1\\.\\.\\. v3, done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/hello/rollback").body()).isEqualTo("{\"version\":1}");
    }

    @Test
    void promoteSendsTheTargetAndReportsItsRelease() throws Exception {
        controller.on("POST", "/v1/apps/staging/promote", 200, release(4, "succeeded", null));

        CliRunner.Run run = cli.run("promote", "-a", "staging", "--to", "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Promoting staging to prod\\.\\.\\. v4, done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/staging/promote").body()).isEqualTo("{\"to\":\"prod\"}");
        assertThat(cli.run("promote", "-a", "staging").exitCode()).as("--to is required").isEqualTo(2);
    }

    @Test
    void psStopAndStartPostTheTypesToTheirEndpoints() throws Exception {
        controller.on("POST", "/v1/apps/hello/ps/stop", 200,
                        new ScaleResult(List.of(new ScaleResult.Change("web", 2, 0)), true, null))
                .on("POST", "/v1/apps/hello/ps/start", 200,
                        new ScaleResult(List.of(new ScaleResult.Change("web", 0, 2)), false, "not up after 60s: web.2 starting"));

        CliRunner.Run stop = cli.run("ps:stop", "-a", "hello", "web");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).matches("Stopping web of hello\\.\\.\\. web 2 -> 0, done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/hello/ps/stop").body()).isEqualTo("{\"types\":[\"web\"]}");

        CliRunner.Run start = cli.run("ps:start", "-a", "hello", "web");
        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.out()).startsWith("Starting web of hello... web 0 -> 2, not up yet");
        assertThat(start.err()).isEqualTo("not up after 60s: web.2 starting: see 'paas ps'.\n");
    }

    @Test
    void scaleSendsTheCountsAndPrintsTheChange() throws Exception {
        controller.on("POST", "/v1/apps/hello/scale", 200,
                new ScaleResult(List.of(new ScaleResult.Change("web", 1, 6)), true, null));

        CliRunner.Run run = cli.run("ps:scale", "-a", "hello", "web=6");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Scaling hello\\.\\.\\. web 1 -> 6, done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/hello/scale").body()).isEqualTo("{\"counts\":{\"web\":6}}");
    }

    @Test
    void restartAndDrainEndWithTheElapsedTimeOrWhyNot() throws Exception {
        controller.on("POST", "/v1/apps/hello/restart", 200, release(5, "deploying", null))
                .on("POST", "/v1/drains", 200, new DrainResult("node-1", 3, 0));

        CliRunner.Run restart = cli.run("ps:restart", "-a", "hello");
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.out()).isEqualTo("Restarting hello... still deploying\n");
        assertThat(restart.err()).matches("v5 is not serving yet after \\d+\\.\\ds: see 'paas releases' and 'paas ps'\\.\n");

        CliRunner.Run drain = cli.run("nodes:drain", "node-1");
        assertThat(drain.exitCode()).as(drain.err()).isZero();
        assertThat(drain.out()).matches("Draining node-1\\.\\.\\. 3 containers moved, done in \\d+\\.\\ds\n");
    }

    @Test
    void psShowsStateReleaseNodeUptimeLimitsAndTheLastExit() throws Exception {
        controller.on("GET", "/v1/apps/hello/ps", 200, List.of(
                new ProcessStatus("web.1", "web", 1, "up", 3, "node-1", Instant.now().minusSeconds(125), 512, 500,
                        "out of memory", Instant.now().minusSeconds(130)),
                new ProcessStatus("web.2", "web", 2, "crashed", 3, "node-2", null, 512, 0, null, null)));

        CliRunner.Run run = cli.run("ps", "-a", "hello");

        assertThat(run.out()).startsWith("=== hello Processes\n")
                .containsPattern("NAME   STATE    RELEASE  NODE    SINCE\\s+MEMORY  CPU     LAST EXIT\n")
                .containsPattern("web.1  up       v3       node-1  2m [56]s\\s+512 MB  0.5     out of memory 2m 1[01]s ago")
                .containsPattern("web.2  crashed  v3       node-2  -\\s+512 MB  shared  -");
        assertThat(PsCommand.ago(AT, AT.plusSeconds(2 * 86400 + 3 * 3600 + 5))).isEqualTo("2d 3h");
    }
}
