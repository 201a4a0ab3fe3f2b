package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.QuotaView;
import dev.paas.api.UserQuotas;
import dev.paas.api.WhoAmI;
import org.junit.jupiter.api.Test;

class QuotasCommandsTest extends LoggedInCliTest {

    private static final List<QuotaView> BOBS = List.of(new QuotaView("apps", "user", 3, 2, true),
            new QuotaView("containers", "user", 100, 7, false), new QuotaView("config-bytes", "app", 32768, 120, false),
            new QuotaView("domains", "app", 20, 1, false));

    @Test
    void quotasShowsYourOwnLimitsAndUseByDefault() throws Exception {
        controller.on("GET", "/v1/whoami", 200, new WhoAmI("bob", false))
                .on("GET", "/v1/users/bob/quotas", 200, new UserQuotas("bob", false, BOBS));

        CliRunner.Run run = cli.run("quotas");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                QUOTA         LIMIT  USED  PER   SET
                apps          3      2     user  for bob
                containers    100    7     user  default
                config-bytes  32768  120   app   default
                domains       20     1     app   default
                """);
    }

    @Test
    void anAdminReadsAnotherUsersWithU() throws Exception {
        controller.on("GET", "/v1/users/bob/quotas", 200, new UserQuotas("bob", false, BOBS));

        CliRunner.Run run = cli.run("quotas", "-u", "bob", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"username\" : \"bob\"", "\"limit\" : 3");
        assertThat(controller.requests()).hasSize(1);
    }

    @Test
    void setSendsTheLimitsAndThoseBackToTheirDefault() throws Exception {
        controller.on("POST", "/v1/users/bob/quotas", 200, new UserQuotas("bob", false, BOBS));

        CliRunner.Run run = cli.run("quotas:set", "bob", "apps=3", "containers=default");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Setting quotas of bob... done in ").contains("apps          3      2");
        assertThat(controller.only("POST", "/v1/users/bob/quotas").body())
                .isEqualTo("{\"limits\":{\"apps\":3},\"reset\":[\"containers\"]}");
    }

    @Test
    void setRefusesWhatIsNotNameEqualsNumberBeforeAnyRequest() {
        CliRunner.Run notPair = cli.run("quotas:set", "bob", "apps");
        assertThat(notPair.exitCode()).isEqualTo(2);
        assertThat(notPair.err()).contains("'apps' is not NAME=N.");
        CliRunner.Run notNumber = cli.run("quotas:set", "bob", "apps=lots");
        assertThat(notNumber.exitCode()).isEqualTo(2);
        assertThat(notNumber.err()).contains("'lots' in 'apps=lots' is not a number nor 'default'.");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void aRefusalIsTheControllersOneLine() throws Exception {
        controller.on("POST", "/v1/users/bob/quotas", 403,
                "{\"message\":\"Only admins set quotas: ask one to run 'paas quotas:set bob NAME=N'.\"}");

        CliRunner.Run run = cli.run("quotas:set", "bob", "apps=9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Only admins set quotas: ask one to run 'paas quotas:set bob NAME=N'.\n");
    }
}
