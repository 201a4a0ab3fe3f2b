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
        api().delete("/v1/keys?key=" + ApiClient.segment(key));
        out().println("Removed key " + key);
        return 0;
    }
}
