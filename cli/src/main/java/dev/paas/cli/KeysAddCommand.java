package dev.paas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.paas.api.SshKeyRequest;
import dev.paas.api.SshKeyView;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import dev.paas.cli.ssh.SshPublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "keys:add", mixinStandardHelpOptions = true,
        description = "Add an SSH public key, so that git push accepts it.")
final class KeysAddCommand extends PaasCommand {

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The public key. Default: ~/.ssh/id_ed25519.pub, else ~/.ssh/id_rsa.pub.")
    Path file;

    @Override
    public Integer call() {
        Path keyFile = keyFile();
        SshPublicKey key = read(keyFile);
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Uploading SSH public key " + keyFile);
        try {
            SshKeyView added = api.post("/v1/keys", new SshKeyRequest(key.line()), SshKeyView.class);
            progress.done();
            out().println("Fingerprint: " + added.fingerprint());
            return 0;
        } catch (ApiException e) {
            // Already registered: fine if it is the user's own key, an error if someone else's.
            if (e.status() == 409 && api.getList("/v1/keys", SshKeyView.class).stream()
                    .anyMatch(view -> key.fingerprint().equals(view.fingerprint()))) {
                progress.end("already registered to your account (" + key.fingerprint() + ")");
                return 0;
            }
            progress.end("failed");
            throw e;
        } catch (RuntimeException e) {
            progress.end("failed");
            throw e;
        }
    }

    private Path keyFile() {
        if (file != null) {
            return env().workDir().resolve(file).normalize();
        }
        return SshPublicKey.defaultFile(env().home()).orElseThrow(() -> new UserError(
                "No public key in ~/.ssh (id_ed25519.pub or id_rsa.pub): give a FILE, or make one with ssh-keygen -t ed25519"));
    }

    private static SshPublicKey read(Path keyFile) {
        if (!Files.isRegularFile(keyFile)) {
            throw new UserError("No such file: " + keyFile);
        }
        try {
            return SshPublicKey.read(keyFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(keyFile + " is not an SSH public key: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("Cannot read " + keyFile + ": " + e.getMessage());
        }
    }
}
