package dev.paas.cli;

import java.util.List;

import dev.paas.api.SshKeyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "List your SSH keys.")
final class KeysCommand extends PaasCommand {

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        List<SshKeyView> keys = api().getList("/v1/keys", SshKeyView.class);
        if (json.print(out(), keys)) {
            return 0;
        }
        if (keys.isEmpty()) {
            out().println("You have no SSH keys. Add one with: paas keys:add");
            return 0;
        }
        Table table = new Table("FINGERPRINT", "COMMENT", "ADDED");
        keys.forEach(key -> table.row(key.fingerprint(), key.comment(), Table.time(key.createdAt())));
        table.print(out());
        return 0;
    }
}
