package dev.paas.cli;

import java.io.IOException;
import java.util.Optional;

import dev.paas.cli.config.PaasConfig;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Forget the saved token.")
final class LogoutCommand extends PaasCommand {

    @Override
    public Integer call() throws IOException {
        Optional<PaasConfig> saved = paas.config().filter(PaasConfig::loggedIn);
        if (saved.isEmpty()) {
            out().println("Not logged in.");
            return 0;
        }
        paas.configStore().save(saved.get().withoutToken());
        out().println("Logged out of " + saved.get().url());
        return 0;
    }
}
