package dev.paas.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.ConfigChangeResult;
import dev.paas.api.ConfigUpdate;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "config:set", mixinStandardHelpOptions = true,
        description = "Set config vars; makes a new release and rolls it out with no downtime.")
final class ConfigSetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Split at the first '=': the value may hold '=' and, quoted, spaces.")
    List<String> pairs;

    @Override
    public Integer call() {
        Map<String, String> set = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + pair + "' is not KEY=VALUE.");
            }
            set.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String name = app.resolve(git());
        return change(this, name, "Setting " + String.join(", ", set.keySet()), new ConfigUpdate(set, List.of()));
    }

    /** Sends a config change and reports the release it made; shared with config:unset. */
    static int change(PaasCommand command, String app, String doing, ConfigUpdate update) {
        ApiClient api = command.api();
        Progress progress = Progress.start(command.out(), doing + " and restarting " + app);
        ConfigChangeResult result = progress.step(() ->
                api.post("/v1/apps/" + ApiClient.segment(app) + "/config", update, ConfigChangeResult.class));
        if (result.release() == null) {
            progress.done("no build yet (it applies from the first deploy)");
            return 0;
        }
        return ReleaseOutcome.report(progress, command.err(), result.release());
    }
}
