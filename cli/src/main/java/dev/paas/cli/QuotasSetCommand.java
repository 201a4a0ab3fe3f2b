package dev.paas.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.QuotaUpdate;
import dev.paas.api.UserQuotas;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "quotas:set", mixinStandardHelpOptions = true,
        description = {"Set a user's limits (admins only): apps and containers per user, config-bytes and domains per"
                + " app.", "NAME=default puts a limit back to the platform's default (paas.quotas.*)."})
final class QuotasSetCommand extends PaasCommand {

    @Parameters(index = "0", paramLabel = "USER", description = "The user, as 'paas users' lists them.")
    String user;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME=N",
            description = "apps=N, containers=N, config-bytes=N or domains=N; N may be 'default'.")
    List<String> pairs;

    @Override
    public Integer call() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        List<String> reset = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + pair + "' is not NAME=N.");
            }
            String value = pair.substring(eq + 1);
            if (value.equals("default")) {
                reset.add(pair.substring(0, eq));
                continue;
            }
            try {
                limits.put(pair.substring(0, eq), Integer.valueOf(value));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "'" + value + "' in '" + pair
                        + "' is not a number nor 'default'.");
            }
        }
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Setting quotas of " + user);
        UserQuotas quotas = progress.step(() -> api.post("/v1/users/" + ApiClient.segment(user) + "/quotas",
                new QuotaUpdate(limits, reset), UserQuotas.class));
        progress.done();
        QuotasCommand.print(this, quotas);
        return 0;
    }
}
