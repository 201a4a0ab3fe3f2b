package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.SshKeyView;
import org.junit.jupiter.api.Test;

/** The parts of the vocabulary every command shares: --json listings, open, completion, help. */
class VocabularyTest extends LoggedInCliTest {

    @Test
    void listingsPrintJsonForScripts() throws Exception {
        controller.on("GET", "/v1/apps", 200, List.of(AppCommandsTest.hello(3, List.of())))
                .on("GET", "/v1/apps/hello", 200, AppCommandsTest.hello(3, List.of()))
                .on("GET", "/v1/keys", 200, List.of(new SshKeyView("SHA256:abc", "ana@laptop", null)));

        assertThat(cli.run("apps", "--json").out()).startsWith("[ {").contains("\"name\" : \"hello\"", "\"release\" : 3");
        assertThat(cli.run("info", "-a", "hello", "--json").out()).startsWith("{").contains("\"webUrl\" : \"http://hello.localhost:8080\"");
        assertThat(cli.run("keys", "--json").out()).contains("\"fingerprint\" : \"SHA256:abc\"");
    }

    @Test
    void openPrintsTheWebUrl() throws Exception {
        controller.on("GET", "/v1/apps/hello", 200, AppCommandsTest.hello(3, List.of()));

        CliRunner.Run run = cli.run("apps:open", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("http://hello.localhost:8080\n");
    }

    @Test
    void completionScriptKnowsTheCommands() {
        CliRunner.Run run = cli.run("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "logs", "apps:create", "--tail");
    }

    @Test
    void helpCoversTheNewCommands() {
        assertThat(cli.run("help").out()).contains("logs", "open, apps:open", "completion");
        assertThat(cli.run("help", "logs").out()).contains("-f, --tail", "-n, --num=N", "-p, --process=TYPE",
                "-s, --source=SOURCE", "-a, --app=APP");
        assertThat(cli.run("logs", "--help").exitCode()).isZero();
    }
}
