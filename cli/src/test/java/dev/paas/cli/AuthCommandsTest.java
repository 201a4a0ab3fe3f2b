package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.paas.api.LoginResponse;
import dev.paas.api.WhoAmI;
import dev.paas.cli.config.PaasConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthCommandsTest {

    @TempDir
    Path temp;

    FakeController controller;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController();
        cli = new CliRunner(temp);
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void loginSavesTheToken() throws Exception {
        controller.on("POST", "/v1/login", 200, new LoginResponse("ana", "tok-123"));

        CliRunner.Run run = cli.runWithInput("s3cret\n", "login", controller.url() + "/", "--username", "ana",
                "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Logged in to " + controller.url() + " as ana\n");
        assertThat(cli.config().load()).contains(new PaasConfig(controller.url(), "tok-123", "ana"));
        FakeController.Request login = controller.only("POST", "/v1/login");
        assertThat(login.body()).isEqualTo("{\"username\":\"ana\",\"password\":\"s3cret\"}");
        assertThat(login.authorization()).isNull();
    }

    @Test
    void loginAgainReusesTheSavedUrl() throws Exception {
        cli.config().save(new PaasConfig(controller.url(), null, "ana"));
        controller.on("POST", "/v1/login", 200, new LoginResponse("ana", "tok-2"));

        CliRunner.Run run = cli.runWithInput("s3cret\n", "login", "--username", "ana", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(cli.config().load().orElseThrow().token()).isEqualTo("tok-2");
    }

    @Test
    void wrongPasswordShowsTheServersMessage() throws Exception {
        controller.on("POST", "/v1/login", 401, "{\"message\":\"Wrong username or password.\"}");

        CliRunner.Run run = cli.runWithInput("nope\n", "login", controller.url(), "--username", "ana",
                "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Wrong username or password.\n");
        assertThat(cli.config().load()).isEmpty();
    }

    @Test
    void withoutATerminalLoginAsksForFlags() {
        CliRunner.Run run = cli.run("login", controller.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Cannot ask for credentials without a terminal: use --username U\n");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void notLoggedInExitsWithAHint() {
        CliRunner.Run run = cli.run("apps");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Not logged in: run paas login URL first\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRejectedTokenAsksToLogInAgain() throws Exception {
        cli.loggedIn(controller.url());
        controller.on("GET", "/v1/whoami", 401, "{\"message\":\"Your token was rejected.\"}");

        CliRunner.Run run = cli.run("whoami");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Your token was rejected: run paas login again\n");
    }

    @Test
    void whoamiSendsTheToken() throws Exception {
        cli.loggedIn(controller.url());
        controller.on("GET", "/v1/whoami", 200, new WhoAmI("ana", true));

        CliRunner.Run run = cli.run("whoami");

        assertThat(run.out()).isEqualTo("ana (admin)\n");
        assertThat(controller.only("GET", "/v1/whoami").authorization()).isEqualTo("Bearer tok-ana");
    }

    @Test
    void logoutRevokesTheTokenOnTheControllerAndForgetsIt() throws Exception {
        cli.loggedIn(controller.url());
        controller.on("POST", "/v1/logout", 204, null);

        CliRunner.Run run = cli.run("logout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Logged out of " + controller.url() + "\n");
        assertThat(controller.only("POST", "/v1/logout").authorization()).isEqualTo("Bearer tok-ana");
        assertThat(cli.config().load()).contains(new PaasConfig(controller.url(), null, "ana"));
        assertThat(cli.run("whoami").err()).isEqualTo("Not logged in: run paas login URL first\n");
    }

    @Test
    void logoutWithATokenTheControllerNoLongerTakesIsQuiet() throws Exception {
        cli.loggedIn(controller.url());
        controller.on("POST", "/v1/logout", 401, "{\"message\":\"Your token was rejected: run 'paas login' again.\"}");

        CliRunner.Run run = cli.run("logout");

        assertThat(run.exitCode()).isZero();
        assertThat(cli.config().load()).contains(new PaasConfig(controller.url(), null, "ana"));
    }

    @Test
    void logoutThatCannotRevokeSaysSoAndStillForgetsTheToken() throws Exception {
        cli.loggedIn(controller.url());
        controller.on("POST", "/v1/logout", 500, "{\"message\":\"internal error on the server\"}");

        CliRunner.Run run = cli.run("logout");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the controller did not revoke it").contains("stays valid");
        assertThat(cli.config().load()).contains(new PaasConfig(controller.url(), null, "ana"));
    }
}
