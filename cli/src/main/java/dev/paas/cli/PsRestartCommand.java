package dev.paas.cli;

import dev.paas.api.ReleaseView;
import dev.paas.api.RestartRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:restart", aliases = "restart", mixinStandardHelpOptions = true,
        description = "Restart an app's containers with no downtime: new ones serve before the old ones stop."
                + " Without TYPE the whole app restarts as a new release; with TYPE only that type's containers.")
final class PsRestartCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "Restart only this process type's containers (no new release).")
    String type;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Restarting " + (type == null ? "" : type + " processes of ") + name);
        ReleaseView release = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/restart",
                new RestartRequest(type), ReleaseView.class));
        if (type != null) {
            progress.done();
            return 0;
        }
        return ReleaseOutcome.report(progress, err(), release);
    }
}
