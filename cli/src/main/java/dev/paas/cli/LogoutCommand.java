package dev.paas.cli;

import java.io.IOException;
import java.util.Optional;

import dev.paas.cli.config.PaasConfig;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import picocli.CommandLine.Command;

@Command(name = "logout", aliases = "auth:logout", mixinStandardHelpOptions = true,
        description = "Revoke the saved token on the controller and forget it here.")
final class LogoutCommand extends PaasCommand {

    @Override
    public Integer call() throws IOException {
        Optional<PaasConfig> saved = paas.config().filter(PaasConfig::loggedIn);
        if (saved.isEmpty()) {
            out().println("Not logged in.");
            return 0;
        }
        String problem = revoke(paas.api());
        // Forgotten here in any case: the user asked for it, and a copy left behind helps nobody.
        paas.configStore().save(saved.get().withoutToken());
        if (problem != null) {
            err().println("Forgot the token here, but the controller did not revoke it (" + problem + "): it stays"
                    + " valid until it goes unused for the controller's token expiry (30 days by default).");
            return 1;
        }
        out().println("Logged out of " + saved.get().url());
        return 0;
    }

    /** Null when the controller revoked the token, or no longer accepted it anyway; else what went wrong. */
    private static String revoke(ApiClient api) {
        try {
            api.post("/v1/logout", null, Void.class);
            return null;
        } catch (ApiException e) {
            return e.status() == 401 ? null : e.getMessage();
        }
    }
}
