package dev.paas.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.ScaleRequest;
import dev.paas.api.ScaleResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "scale", aliases = "ps:scale", mixinStandardHelpOptions = true,
        description = "Set how many containers of each process type run, e.g. web=6 worker=2.")
final class ScaleCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "TYPE=COUNT", description = "Process type and count; 0 stops the type.")
    List<String> pairs;

    @Override
    public Integer call() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isEmpty() || !parts[1].matches("\\d{1,9}")) {
                throw new ParameterException(spec.commandLine(), "'" + pair + "' is not TYPE=COUNT, e.g. web=2.");
            }
            counts.put(parts[0], Integer.parseInt(parts[1]));
        }
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Scaling " + name);
        ScaleResult result = progress.step(() ->
                api.post("/v1/apps/" + ApiClient.segment(name) + "/scale", new ScaleRequest(counts), ScaleResult.class));
        String changes = String.join(", ", result.changes().stream()
                .map(c -> c.processType() + " " + c.from() + " -> " + c.to()).toList());
        if (!result.up()) {
            progress.end(changes + ", not up yet");
            err().println(result.problem() + ": see 'paas ps'.");
            return 1;
        }
        progress.done(changes);
        return 0;
    }
}
