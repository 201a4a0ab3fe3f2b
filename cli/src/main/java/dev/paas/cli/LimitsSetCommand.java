package dev.paas.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.LimitsUpdate;
import dev.paas.api.LimitsView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "limits:set", mixinStandardHelpOptions = true,
        description = "Set the memory (and CPU) of an app's process types, e.g. web=512M worker=1G --cpu web=0.5."
                + " The types it changes restart with no downtime. A type not in the Procfile yet may be preset.")
final class LimitsSetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..*", paramLabel = "TYPE=SIZE", description = "Memory per container: 512M, 1G, 1.5G.")
    List<String> memory = List.of();

    @Option(names = "--cpu", paramLabel = "TYPE=CPUS", description = "CPU limit per container, e.g. web=0.5.")
    List<String> cpu = List.of();

    @Override
    public Integer call() {
        if (memory.isEmpty() && cpu.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Give TYPE=SIZE (web=512M) or --cpu TYPE=CPUS (web=0.5).");
        }
        LimitsUpdate update = new LimitsUpdate(pairs(memory, "web=512M"), pairs(cpu, "web=0.5"), List.of());
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Setting limits of " + name);
        LimitsView view = progress.step(() ->
                api.post("/v1/apps/" + ApiClient.segment(name) + "/limits", update, LimitsView.class));
        progress.done();
        LimitsCommand.print(out(), view);
        return 0;
    }

    private Map<String, String> pairs(List<String> given, String example) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : given) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ParameterException(spec.commandLine(), "'" + pair + "' is not TYPE=VALUE, e.g. " + example + ".");
            }
            pairs.put(parts[0], parts[1]);
        }
        return pairs;
    }
}
