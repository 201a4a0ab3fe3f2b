package dev.paas.cli;

import java.util.List;

import dev.paas.api.ProcessTypesRequest;
import dev.paas.api.ScaleResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ps:stop} and {@code ps:start}: one command whose two names differ only in the endpoint and the words. picocli
 * names a command by its class's annotation, so each name is a small subclass.
 */
abstract class PsPauseCommand extends PaasCommand {

    @Command(name = "ps:stop", mixinStandardHelpOptions = true,
            description = "Stop process types (scale them to 0), keeping their counts for ps:start: a quick pause.")
    static final class Stop extends PsPauseCommand {
        Stop() {
            super(false);
        }
    }

    @Command(name = "ps:start", mixinStandardHelpOptions = true,
            description = "Start process types stopped with ps:stop again, at the counts they had.")
    static final class Start extends PsPauseCommand {
        Start() {
            super(true);
        }
    }

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "TYPE", description = "e.g. web worker")
    List<String> types;

    private final boolean start;

    private PsPauseCommand(boolean start) {
        this.start = start;
    }

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), (start ? "Starting " : "Stopping ") + String.join(", ", types)
                + " of " + name);
        ScaleResult result = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name)
                + (start ? "/ps/start" : "/ps/stop"), new ProcessTypesRequest(types), ScaleResult.class));
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
