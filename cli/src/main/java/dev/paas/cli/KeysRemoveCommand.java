package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "keys:remove", mixinStandardHelpOptions = true,
        description = "Remove one of your SSH keys, by fingerprint (SHA256:...) or comment; it can no longer push.")
final class KeysRemoveCommand extends PaasCommand {

    @Parameters(paramLabel = "KEY", description = "The key's fingerprint or comment, as 'paas keys' shows them.")
    String key;

    @Override
    public Integer call() {
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Removing SSH key " + key);
        progress.run(() -> api.delete("/v1/keys?key=" + ApiClient.segment(key)));
        progress.done();
        return 0;
    }
}
