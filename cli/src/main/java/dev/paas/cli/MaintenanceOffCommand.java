package dev.paas.cli;

import dev.paas.api.EdgeView;
import dev.paas.api.MaintenanceRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintenance:off", mixinStandardHelpOptions = true,
        description = "Serve an app's running containers again.")
final class MaintenanceOffCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Turning maintenance off for " + name);
        EdgeView view = progress.step(() -> api.put("/v1/apps/" + ApiClient.segment(name) + "/maintenance",
                new MaintenanceRequest(false, null), EdgeView.class));
        progress.done();
        EdgeLines.maintenance(out(), view);
        return 0;
    }
}
