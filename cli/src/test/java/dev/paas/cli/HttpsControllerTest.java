package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.paas.api.LoginResponse;
import dev.paas.api.LogPage;
import dev.paas.api.WhoAmI;
import dev.paas.cli.config.PaasConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli against a controller that serves HTTPS with a certificate of the platform's own CA, as a multi-host
 * controller does (README "More nodes"): a real TLS server on 127.0.0.1 and a CA made in the test.
 */
class HttpsControllerTest {

    @TempDir
    Path temp;

    TestCa platform;
    FakeController controller;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        platform = new TestCa("paas platform CA");
        controller = new FakeController(platform.serverContext("IP:127.0.0.1"));
        controller.on("POST", "/v1/login", 200, new LoginResponse("ana", "tok-123"));
        controller.on("GET", "/v1/whoami", 200, new WhoAmI("ana", false));
        cli = new CliRunner(temp);
        Files.writeString(cli.workDir.resolve("ca.crt"), platform.certPem());
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    private CliRunner.Run login(String... extra) {
        List<String> args = new ArrayList<>(List.of("login", controller.url(), "--username", "ana",
                "--password-stdin"));
        args.addAll(List.of(extra));
        return cli.runWithInput("s3cret\n", args.toArray(String[]::new));
    }

    @Test
    void withTheCaLoginWorksAndLaterCommandsUseTheSavedCa() throws Exception {
        CliRunner.Run run = login("--ca", "ca.crt");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Logged in to " + controller.url() + " as ana\n"
                + "Trusting only CN=paas platform CA for it (saved with the login)\n");
        assertThat(cli.config().load()).contains(new PaasConfig(controller.url(), "tok-123", "ana", platform.certPem()));

        Files.delete(cli.workDir.resolve("ca.crt"));
        CliRunner.Run whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).as(whoami.err()).isZero();
        assertThat(whoami.out()).isEqualTo("ana\n");
        assertThat(controller.only("GET", "/v1/whoami").authorization()).isEqualTo("Bearer tok-123");

        controller.on("GET", "/v1/apps/hello/logs", 200, LogsCommandTest.PAGE);
        CliRunner.Run logs = cli.run("logs", "-a", "hello");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("listening on 5000");

        controller.on("POST", "/v1/logout", 204, null);
        assertThat(cli.run("logout").exitCode()).isZero();
        CliRunner.Run again = login();
        assertThat(again.exitCode()).as("logging in again to the same URL keeps its CA: " + again.err()).isZero();
        assertThat(cli.config().load().orElseThrow().ca()).isEqualTo(platform.certPem());
    }

    @Test
    void withoutTheCaTheErrorSaysToUseCaAndNothingIsSaved() throws Exception {
        CliRunner.Run run = login();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("The controller at " + controller.url() + " presented a certificate that this"
                + " cli does not trust: if the platform's own CA signed it, log in with paas login " + controller.url()
                + " --ca FILE (the platform's CA: /var/lib/paas/secrets/cluster/ca.crt on the controller's host).\n");
        assertThat(cli.config().load()).isEmpty();
        assertThat(controller.requests()).isEmpty();

        cli.loggedIn(controller.url());
        CliRunner.Run whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).isEqualTo(1);
        assertThat(whoami.err()).contains("does not trust", "--ca FILE").doesNotContain("\tat ");
    }

    @Test
    void aWrongCaFailsAndLeavesTheConfigAsItWas() throws Exception {
        Files.writeString(cli.workDir.resolve("other.crt"), new TestCa("someone else's CA").certPem());
        cli.config().save(new PaasConfig("http://127.0.0.1:1", "tok-old", "ana"));
        byte[] before = Files.readAllBytes(cli.configFile);

        CliRunner.Run run = login("--ca", "other.crt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("The controller at " + controller.url() + " presented a certificate that the"
                + " CA file other.crt did not sign: log in with paas login " + controller.url() + " --ca FILE");
        assertThat(Files.readAllBytes(cli.configFile)).isEqualTo(before);
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void aFileWithSeveralCertificatesTrustsEachOfThemAndSavesNothingElse() throws Exception {
        String other = new TestCa("someone else's CA").certPem();
        String keyPastedByMistake = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n";
        Files.writeString(cli.workDir.resolve("bundle.crt"), "# two CAs\n" + other + keyPastedByMistake + "\n"
                + platform.certPem());

        CliRunner.Run run = login("--ca", "bundle.crt");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trusting only CN=someone else's CA; CN=paas platform CA for it");
        assertThat(cli.config().load().orElseThrow().ca()).as("the certificates alone are saved")
                .isEqualTo(other + platform.certPem());
    }

    @Test
    void badCaFilesAreRefusedNamingTheFileWithTheConfigUnchanged() throws Exception {
        cli.config().save(new PaasConfig("http://127.0.0.1:1", "tok-old", "ana"));
        byte[] before = Files.readAllBytes(cli.configFile);
        Files.writeString(cli.workDir.resolve("notes.txt"), "not a certificate\n");
        Files.writeString(cli.workDir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n"
                + "-----END PRIVATE KEY-----\n");
        Files.writeString(cli.workDir.resolve("broken.crt"), "-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n"
                + "-----END CERTIFICATE-----\n");
        Files.write(cli.workDir.resolve("ca.der"), Base64.getMimeDecoder().decode(platform.certPem()
                .replaceAll("-----[A-Z ]+-----", "")));

        assertRefused("missing.crt", "Cannot read the CA file missing.crt: it does not exist.\n");
        assertRefused("notes.txt", "The CA file notes.txt holds no PEM certificate (-----BEGIN CERTIFICATE-----): give"
                + " the platform's CA, /var/lib/paas/secrets/cluster/ca.crt on the controller's host.\n");
        assertRefused("key.pem", "The CA file key.pem holds no PEM certificate");
        assertRefused("ca.der", "The CA file ca.der holds no PEM certificate");
        assertRefused("broken.crt", "The CA file broken.crt holds a CERTIFICATE block that is not a certificate");
        assertRefused(".", "Cannot read the CA file .: ");

        assertThat(Files.readAllBytes(cli.configFile)).isEqualTo(before);
        assertThat(controller.requests()).isEmpty();
    }

    private void assertRefused(String file, String messageStart) {
        CliRunner.Run run = login("--ca", file);
        assertThat(run.exitCode()).as(file).isEqualTo(1);
        assertThat(run.err()).as(file).startsWith(messageStart).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void paasCaFileOverridesTheSavedCaForOneCommand() throws Exception {
        Files.writeString(cli.workDir.resolve("other.crt"), new TestCa("someone else's CA").certPem());
        assertThat(login("--ca", "ca.crt").exitCode()).isZero();
        byte[] saved = Files.readAllBytes(cli.configFile);

        cli.caFile = Path.of("other.crt");
        CliRunner.Run wrong = cli.run("whoami");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("the CA file other.crt (PAAS_CA_FILE) did not sign", "--ca FILE");

        cli.caFile = Path.of("missing.crt");
        assertThat(cli.run("whoami").err())
                .isEqualTo("Cannot read the CA file missing.crt (PAAS_CA_FILE): it does not exist.\n");

        cli.config().save(new PaasConfig(controller.url(), "tok-123", "ana"));
        cli.caFile = cli.workDir.resolve("ca.crt");
        CliRunner.Run right = cli.run("whoami");
        assertThat(right.exitCode()).as(right.err()).isZero();

        cli.caFile = null;
        assertThat(cli.run("whoami").err()).contains("does not trust");
        cli.config().save(new PaasConfig(controller.url(), "tok-123", "ana", platform.certPem()));
        assertThat(Files.readAllBytes(cli.configFile)).as("the environment never changes the saved CA")
                .isEqualTo(saved);
    }

    @Test
    void theHostNameIsStillChecked() throws Exception {
        try (FakeController elsewhere = new FakeController(platform.serverContext("DNS:elsewhere.test"))) {
            elsewhere.on("POST", "/v1/login", 200, new LoginResponse("ana", "tok-123"));

            CliRunner.Run run = cli.runWithInput("s3cret\n", "login", elsewhere.url(), "--username", "ana",
                    "--password-stdin", "--ca", "ca.crt");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("The controller's certificate is not made for the address in "
                    + elsewhere.url() + " (No subject alternative names matching IP address 127.0.0.1 found)");
            assertThat(elsewhere.requests()).isEmpty();
            assertThat(cli.config().load()).isEmpty();
        }
    }

    @Test
    void aCaIsOnlyForHttpsAndPlainHttpNeverReadsOne() throws Exception {
        try (FakeController plain = new FakeController()) {
            plain.on("POST", "/v1/login", 200, new LoginResponse("ana", "tok-1"));
            plain.on("GET", "/v1/apps/hello/logs", 200, new LogPage(0, List.of()));

            CliRunner.Run run = cli.runWithInput("s3cret\n", "login", plain.url(), "--username", "ana",
                    "--password-stdin", "--ca", "ca.crt");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("--ca is for a controller that serves HTTPS; " + plain.url()
                    + " is plain HTTP.\n");
            assertThat(cli.config().load()).isEmpty();

            cli.loggedIn(plain.url());
            cli.caFile = Path.of("missing.crt");
            CliRunner.Run logs = cli.run("logs", "-a", "hello");
            assertThat(logs.exitCode()).as(logs.err()).isZero();
        }
    }
}
