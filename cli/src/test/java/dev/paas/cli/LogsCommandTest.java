package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import org.junit.jupiter.api.Test;

class LogsCommandTest extends LoggedInCliTest {

    static final LogPage PAGE = new LogPage(8, List.of(
            new LogLine(7, Instant.parse("2026-11-22T10:20:00.123456Z"), "hello", "platform", "api", 3, "Release v3 created by ana"),
            new LogLine(8, Instant.parse("2026-11-22T10:20:01Z"), "hello", "app", "web.1", 3, "listening on 5000")));

    @Test
    void printsRecentLinesTheWayHerokuDoes() throws Exception {
        controller.on("GET", "/v1/apps/hello/logs", 200, PAGE);

        CliRunner.Run run = cli.run("logs", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("2026-11-22T10:20:00.123Z platform[api]: Release v3 created by ana\n"
                + "2026-11-22T10:20:01Z app[web.1]: listening on 5000\n");
        assertThat(controller.only("GET", "/v1/apps/hello/logs").query()).isEqualTo("n=100");
    }

    @Test
    void passesTheFiltersAndTheAppFromTheGitRemote() throws Exception {
        cli.gitCheckout("ssh://git@127.0.0.1:2222/hello.git");
        controller.on("GET", "/v1/apps/hello/logs", 200, new LogPage(0, List.of()));

        CliRunner.Run run = cli.run("logs", "-n", "5", "-p", "web", "--source", "app");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(controller.only("GET", "/v1/apps/hello/logs").query()).isEqualTo("process=web&source=app&n=5");
    }

    @Test
    void jsonGivesOneObjectPerLine() throws Exception {
        controller.on("GET", "/v1/apps/hello/logs", 200, PAGE);

        CliRunner.Run run = cli.run("logs", "-a", "hello", "--json");

        assertThat(run.out().lines()).hasSize(2).first().asString()
                .startsWith("{\"id\":7,").contains("\"text\":\"Release v3 created by ana\"");
    }

    @Test
    void badInputIsOneLineAndAnExitCode() throws Exception {
        controller.on("GET", "/v1/apps/hello/logs", 400, "{\"message\":\"Unknown log source 'x': use app, platform or router.\"}");

        CliRunner.Run bad = cli.run("logs", "-a", "hello", "--source", "x");
        CliRunner.Run usage = cli.run("logs", "-a", "hello", "-n", "many");

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("Unknown log source 'x': use app, platform or router.\n");
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}
