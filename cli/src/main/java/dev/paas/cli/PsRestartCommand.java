package dev.paas.cli;

import dev.paas.api.ReleaseView;
import dev.paas.api.RestartRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:restart", aliases = "restart", mixinStandardHelpOptions = true,
        description = "Restart an app's containers with no downtime: new ones serve before the old ones stop.")
final class PsRestartCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "A process type of the app; all types restart either way, since a restart is a new release.")
    String type;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Restarting " + name);
        ReleaseView release = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/restart",
                new RestartRequest(type), ReleaseView.class));
        return ReleaseOutcome.report(progress, err(), release);
    }
}
