package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.paas.api.DomainView;
import org.junit.jupiter.api.Test;

class DomainsCommandsTest extends LoggedInCliTest {

    static final String GIT_URL = "ssh://git@127.0.0.1:2222/hello.git";
    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void domainsListsTheDefaultAndCustomOnesAsATableOrJson() throws Exception {
        controller.on("GET", "/v1/apps/hello/domains", 200, List.of(
                new DomainView("hello.localhost", "default", AT), new DomainView("www.example.com", "custom", AT)));
        cli.gitCheckout(GIT_URL);

        CliRunner.Run run = cli.run("domains");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).startsWith("DOMAIN           TYPE     ADDED")
                .contains("hello.localhost  default  ").contains("www.example.com  custom   ");
        assertThat(cli.run("domains", "-a", "hello", "--json").out()).startsWith("[ {")
                .contains("\"hostname\" : \"www.example.com\"", "\"type\" : \"custom\"");
    }

    @Test
    void addSendsTheHostAndEndsWithTheElapsedTime() throws Exception {
        controller.on("POST", "/v1/apps/hello/domains", 201, new DomainView("www.example.com", "custom", AT));

        CliRunner.Run run = cli.run("domains:add", "-a", "hello", "WWW.Example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Adding WWW\\.Example\\.com to hello\\.\\.\\. done in \\d+\\.\\ds\n"
                + "Stored as www\\.example\\.com\n");
        assertThat(controller.only("POST", "/v1/apps/hello/domains").body()).isEqualTo("{\"hostname\":\"WWW.Example.com\"}");
    }

    @Test
    void aDomainOfAnotherAppIsOneLineAndExitCode1() throws Exception {
        controller.on("POST", "/v1/apps/hello/domains", 409,
                "{\"message\":\"www.example.com is already used by app other: remove it there first\"}");

        CliRunner.Run run = cli.run("domains:add", "-a", "hello", "www.example.com");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Adding www.example.com to hello... failed\n");
        assertThat(run.err()).isEqualTo("www.example.com is already used by app other: remove it there first\n");
    }

    @Test
    void removeDeletesTheHostFromItsApp() throws Exception {
        controller.on("DELETE", "/v1/apps/hello/domains/www.example.com", 204, null);

        CliRunner.Run run = cli.run("domains:remove", "-a", "hello", "www.example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Removing www\\.example\\.com from hello\\.\\.\\. done in \\d+\\.\\ds\n");
        assertThat(controller.only("DELETE", "/v1/apps/hello/domains/www.example.com").authorization())
                .isEqualTo("Bearer tok-ana");
    }

    @Test
    void usageErrorsAndAMissingAppSendNothing() {
        assertThat(cli.run("domains:add", "-a", "hello").exitCode()).isEqualTo(2);
        CliRunner.Run noApp = cli.run("domains:remove", "www.example.com");
        assertThat(noApp.exitCode()).isEqualTo(1);
        assertThat(noApp.err()).isEqualTo(AppOption.NO_APP + "\n");
        assertThat(controller.requests()).isEmpty();
    }
}
