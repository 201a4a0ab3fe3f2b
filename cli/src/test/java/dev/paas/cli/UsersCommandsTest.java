package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.UserView;
import org.junit.jupiter.api.Test;

class UsersCommandsTest extends LoggedInCliTest {

    @Test
    void usersListsAdminsAndAppCountsAsATableOrJson() throws Exception {
        controller.on("GET", "/v1/users", 200, List.of(new UserView("admin", true, 0), new UserView("bob", false, 3)));

        CliRunner.Run run = cli.run("users");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                USERNAME  ADMIN  APPS
                admin     yes    0
                bob       no     3
                """);
        assertThat(cli.run("users", "--json").out()).contains("\"username\" : \"bob\"", "\"apps\" : 3");
    }

    @Test
    void createReadsThePasswordFromStdinNeverFromArguments() throws Exception {
        controller.on("POST", "/v1/users", 201, new UserView("bob", false, 0));

        CliRunner.Run run = cli.runWithInput("s3cret-pw\n", "users:create", "bob", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Creating user bob\\.\\.\\. done in \\d+\\.\\ds\n"
                + "bob logs in with: paas login http://127\\.0\\.0\\.1:\\d+ --username bob\n");
        FakeController.Request request = controller.only("POST", "/v1/users");
        assertThat(request.body()).isEqualTo("{\"username\":\"bob\",\"password\":\"s3cret-pw\"}");
        assertThat(request.authorization()).isEqualTo("Bearer tok-ana");
    }

    @Test
    void createWithoutAPasswordOrATerminalSendsNothing() {
        CliRunner.Run noStdin = cli.runWithInput("", "users:create", "bob", "--password-stdin");
        assertThat(noStdin.exitCode()).isEqualTo(1);
        assertThat(noStdin.err()).startsWith("No password on standard input");

        CliRunner.Run noTerminal = cli.run("users:create", "bob");
        assertThat(noTerminal.exitCode()).isEqualTo(1);
        assertThat(noTerminal.err()).isEqualTo("Cannot ask for a password without a terminal: use --password-stdin\n");

        assertThat(cli.run("users:create", "bob", "--password", "x").exitCode()).isEqualTo(2);
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void aRefusalIsTheControllersOneLineAndExitCode1() throws Exception {
        controller.on("POST", "/v1/users", 403, "{\"message\":\"Only admins manage users.\"}")
                .on("DELETE", "/v1/users/bob", 409,
                        "{\"message\":\"bob still owns hello, web: destroy those apps first\"}");

        CliRunner.Run create = cli.runWithInput("s3cret-pw\n", "users:create", "bob", "--password-stdin");
        assertThat(create.exitCode()).isEqualTo(1);
        assertThat(create.out()).isEqualTo("Creating user bob... failed\n");
        assertThat(create.err()).isEqualTo("Only admins manage users.\n");

        CliRunner.Run remove = cli.run("users:remove", "bob");
        assertThat(remove.exitCode()).isEqualTo(1);
        assertThat(remove.out()).isEqualTo("Removing user bob... failed\n");
        assertThat(remove.err()).isEqualTo("bob still owns hello, web: destroy those apps first\n");
    }

    @Test
    void removeDeletesTheUser() throws Exception {
        controller.on("DELETE", "/v1/users/bob", 204, null);

        CliRunner.Run run = cli.run("users:remove", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Removing user bob\\.\\.\\. done in \\d+\\.\\ds\n");
    }
}
