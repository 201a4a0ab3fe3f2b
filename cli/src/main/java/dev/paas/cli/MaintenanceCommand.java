package dev.paas.cli;

import dev.paas.api.EdgeView;
import dev.paas.api.MaintenanceRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Show whether an app is in maintenance.")
final class MaintenanceCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        EdgeLines.maintenance(out(), api().get("/v1/apps/" + ApiClient.segment(name) + "/maintenance", EdgeView.class));
        return 0;
    }

    /** What maintenance:on and maintenance:off do, with their request. */
    static int set(PaasCommand command, AppOption app, MaintenanceRequest request) {
        String name = app.resolve(command.git());
        ApiClient api = command.api();
        Progress progress = Progress.start(command.out(),
                "Turning maintenance " + (request.on() ? "on" : "off") + " for " + name);
        EdgeView view = progress.step(() -> api.put("/v1/apps/" + ApiClient.segment(name) + "/maintenance", request,
                EdgeView.class));
        progress.done();
        EdgeLines.maintenance(command.out(), view);
        return 0;
    }
}
