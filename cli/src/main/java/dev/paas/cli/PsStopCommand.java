package dev.paas.cli;

import java.util.List;

import dev.paas.api.ProcessTypesRequest;
import dev.paas.api.ScaleResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:stop", mixinStandardHelpOptions = true, description = "Stop process types (scale them to 0), keeping their counts for ps:start: a quick pause.")
final class PsStopCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "TYPE", description = "e.g. web worker")
    List<String> types;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Stopping " + String.join(", ", types) + " of " + name);
        ScaleResult result = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/ps/stop",
                new ProcessTypesRequest(types), ScaleResult.class));
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
