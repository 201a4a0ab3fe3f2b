package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.paas.api.EdgeView;
import org.junit.jupiter.api.Test;

class EdgeCommandsTest extends LoggedInCliTest {

    @Test
    void maintenanceOnSendsThePageFileAndSaysWhatVisitorsSee() throws Exception {
        Path page = Files.writeString(temp.resolve("down.html"), "<h1>Back at noon</h1>\n");
        controller.on("PUT", "/v1/apps/hello/maintenance", 200,
                new EdgeView("hello", true, true, 22, 100, true, 60, true));

        CliRunner.Run run = cli.run("maintenance:on", "-a", "hello", "--page", page.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Turning maintenance on for hello\\.\\.\\. done in \\d+\\.\\ds\n"
                + "Maintenance of hello: on \\(every request answers 503 with the app's own page, 22 bytes\\)\n");
        assertThat(controller.only("PUT", "/v1/apps/hello/maintenance").body())
                .isEqualTo("{\"on\":true,\"page\":\"<h1>Back at noon</h1>\\n\"}");
    }

    @Test
    void maintenanceOffAndShow() throws Exception {
        controller.on("PUT", "/v1/apps/hello/maintenance", 200,
                new EdgeView("hello", false, false, 0, 100, true, 60, true));
        controller.on("GET", "/v1/apps/hello/maintenance", 200,
                new EdgeView("hello", true, false, 0, 100, true, 60, true));

        CliRunner.Run off = cli.run("maintenance:off", "-a", "hello");
        CliRunner.Run show = cli.run("maintenance", "-a", "hello");

        assertThat(off.out()).endsWith("Maintenance of hello: off\n");
        assertThat(controller.only("PUT", "/v1/apps/hello/maintenance").body()).isEqualTo("{\"on\":false}");
        assertThat(show.out()).isEqualTo("Maintenance of hello: on (every request answers 503 with the platform's page)\n");
    }

    @Test
    void aPageThatIsMissingTooLargeOrNotTextIsRefusedAndNothingIsSent() throws Exception {
        Path large = Files.write(temp.resolve("large.html"), new byte[64 * 1024 + 1]);
        Path binary = Files.write(temp.resolve("binary.html"), new byte[] {(byte) 0xff, (byte) 0xfe});

        CliRunner.Run missing = cli.run("maintenance:on", "-a", "hello", "--page", temp.resolve("none.html").toString());
        CliRunner.Run tooLarge = cli.run("maintenance:on", "-a", "hello", "--page", large.toString());
        CliRunner.Run notText = cli.run("maintenance:on", "-a", "hello", "--page", binary.toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Cannot read ");
        assertThat(tooLarge.exitCode()).isEqualTo(1);
        assertThat(tooLarge.err()).isEqualTo(large + " is 65537 bytes; a maintenance page may have at most 65536.\n");
        assertThat(notText.exitCode()).isEqualTo(1);
        assertThat(notText.err()).isEqualTo(binary + " is not UTF-8 text.\n");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void limitsSetSendsOnlyWhatIsGivenAndPrintsTheEffectiveLimits() throws Exception {
        controller.on("PUT", "/v1/apps/hello/router-limits", 200, new EdgeView("hello", false, false, 0, 20, false, 60, true));

        CliRunner.Run run = cli.run("router:limits:set", "-a", "hello", "--body-mb", "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("Request body: up to 20 MB\nRead timeout: 60 s (default)\n");
        assertThat(controller.only("PUT", "/v1/apps/hello/router-limits").body())
                .isEqualTo("{\"maxBodyMb\":20}");
    }

    @Test
    void limitsSetWithoutALimitIsAUserErrorAndSendsNothing() {
        CliRunner.Run run = cli.run("router:limits:set", "-a", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Give --body-mb, --read-timeout or both.\n");
        assertThat(controller.requests()).isEmpty();
    }
}
