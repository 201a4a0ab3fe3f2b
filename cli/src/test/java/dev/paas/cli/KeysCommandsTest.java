package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.paas.api.SshKeyView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeysCommandsTest extends LoggedInCliTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAsjcK5GM0mMKYR48d2HEXlWhC4LzNnS7P4nHqhYcyS2 me@laptop";
    static final String FINGERPRINT = "SHA256:vKsw5jNf6ofWY5fBmnO6h56Ep3ZxJoQL/GQrxY+7G/o";

    Path keyFile;

    @BeforeEach
    void writeKey() throws Exception {
        keyFile = Files.createDirectories(cli.home.resolve(".ssh")).resolve("id_ed25519.pub");
        Files.writeString(keyFile, KEY + "\n");
    }

    @Test
    void uploadsTheDefaultKeyAndPrintsItsFingerprint() throws Exception {
        controller.on("POST", "/v1/keys", 201, new SshKeyView(FINGERPRINT, "me@laptop", Instant.now()));

        CliRunner.Run run = cli.run("keys:add");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Uploading SSH public key " + keyFile + "... done in ")
                .endsWith("s\nFingerprint: " + FINGERPRINT + "\n");
        assertThat(controller.only("POST", "/v1/keys").body()).isEqualTo("{\"publicKey\":\"" + KEY + "\"}");
    }

    @Test
    void aKeyAlreadyOnTheAccountIsFine() throws Exception {
        controller.on("POST", "/v1/keys", 409, "{\"message\":\"Key " + FINGERPRINT + " is already registered to your account.\"}")
                .on("GET", "/v1/keys", 200, List.of(new SshKeyView(FINGERPRINT, "me@laptop", Instant.now())));

        CliRunner.Run run = cli.run("keys:add", "../home/.ssh/id_ed25519.pub");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("... already registered to your account (" + FINGERPRINT + ")\n");
    }

    @Test
    void aKeyOfAnotherUserIsAnError() throws Exception {
        controller.on("POST", "/v1/keys", 409, "{\"message\":\"Key " + FINGERPRINT + " is already registered to another user.\"}")
                .on("GET", "/v1/keys", 200, List.of());

        CliRunner.Run run = cli.run("keys:add", keyFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Key " + FINGERPRINT + " is already registered to another user.\n");
    }

    @Test
    void refusesAPrivateKeyBeforeCallingTheController() throws Exception {
        Path privateKey = cli.home.resolve(".ssh/id_ed25519");
        Files.writeString(privateKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n");

        CliRunner.Run run = cli.run("keys:add", privateKey.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(privateKey + " is not an SSH public key: this is a private key: give the matching .pub file\n");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void listsKeys() throws Exception {
        controller.on("GET", "/v1/keys", 200, "[{\"fingerprint\":\"" + FINGERPRINT + "\",\"comment\":\"me@laptop\","
                + "\"createdAt\":\"2025-03-01T10:00:00Z\"}]");

        CliRunner.Run run = cli.run("keys");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("FINGERPRINT").contains(FINGERPRINT + "  me@laptop  2025-03-01");
    }

    @Test
    void removesAKeyByFingerprintWithTheFingerprintEncodedInTheQuery() throws Exception {
        controller.on("DELETE", "/v1/keys", 204, null);

        CliRunner.Run run = cli.run("keys:remove", FINGERPRINT);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Removing SSH key " + FINGERPRINT + "... done in ");
        assertThat(controller.only("DELETE", "/v1/keys").query())
                .isEqualTo("key=SHA256%3AvKsw5jNf6ofWY5fBmnO6h56Ep3ZxJoQL%2FGQrxY%2B7G%2Fo");
    }

    @Test
    void anUnknownKeyIsAUserError() throws Exception {
        controller.on("DELETE", "/v1/keys", 404, "{\"message\":\"You have no SSH key 'nope': 'paas keys' lists yours.\"}");

        CliRunner.Run run = cli.run("keys:remove", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Removing SSH key nope... failed\n");
        assertThat(run.err()).contains("You have no SSH key 'nope'");
    }
}
