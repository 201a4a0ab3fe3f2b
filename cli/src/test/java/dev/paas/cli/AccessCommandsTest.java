package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.AccessView;
import org.junit.jupiter.api.Test;

class AccessCommandsTest extends LoggedInCliTest {

    static final String GIT_URL = "ssh://git@127.0.0.1:2222/hello.git";
    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void accessListsTheOwnerAndCollaboratorsOfTheCheckoutsApp() throws Exception {
        controller.on("GET", "/v1/apps/hello/access", 200, List.of(
                new AccessView("ana", AccessView.OWNER, AT), new AccessView("bob", AccessView.COLLABORATOR, AT)));
        cli.gitCheckout(GIT_URL);

        CliRunner.Run run = cli.run("access");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("USERNAME  ROLE          SINCE\nana       owner         ")
                .contains("\nbob       collaborator  ");
        assertThat(cli.run("access", "-a", "hello", "--json").out()).contains("\"role\" : \"collaborator\"");
    }

    @Test
    void addSendsTheUserAndEndsWithTheElapsedTime() throws Exception {
        controller.on("POST", "/v1/apps/hello/access", 201, new AccessView("bob", AccessView.COLLABORATOR, AT));

        CliRunner.Run run = cli.run("access:add", "bob", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Giving bob access to hello\\.\\.\\. done in \\d+\\.\\ds\n");
        assertThat(controller.only("POST", "/v1/apps/hello/access").body()).isEqualTo("{\"username\":\"bob\"}");
    }

    @Test
    void anUnknownUserOrACollaboratorsAttemptIsOneLineAndExitCode1() throws Exception {
        controller.on("POST", "/v1/apps/hello/access", 404,
                        "{\"message\":\"No user 'bobb': an admin lists them with 'paas users'.\"}")
                .on("DELETE", "/v1/apps/hello/access/ana", 403,
                        "{\"message\":\"Only ana, who owns hello, or an admin may change who has access to it: you are a collaborator.\"}");

        CliRunner.Run add = cli.run("access:add", "bobb", "-a", "hello");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.out()).isEqualTo("Giving bobb access to hello... failed\n");
        assertThat(add.err()).isEqualTo("No user 'bobb': an admin lists them with 'paas users'.\n");

        CliRunner.Run remove = cli.run("access:remove", "ana", "-a", "hello");
        assertThat(remove.exitCode()).isEqualTo(1);
        assertThat(remove.err()).startsWith("Only ana, who owns hello, or an admin may change who has access");
    }

    @Test
    void removeDeletesTheCollaborator() throws Exception {
        controller.on("DELETE", "/v1/apps/hello/access/bob", 204, null);

        CliRunner.Run run = cli.run("access:remove", "bob", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Removing bob's access to hello\\.\\.\\. done in \\d+\\.\\ds\n");
    }

    @Test
    void withoutAUserOrAnAppNothingIsSent() {
        assertThat(cli.run("access:add", "-a", "hello").exitCode()).isEqualTo(2);
        CliRunner.Run noApp = cli.run("access:remove", "bob");
        assertThat(noApp.exitCode()).isEqualTo(1);
        assertThat(noApp.err()).isEqualTo(AppOption.NO_APP + "\n");
        assertThat(controller.requests()).isEmpty();
    }
}
