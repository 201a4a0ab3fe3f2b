package dev.paas.cli;

import dev.paas.api.EdgeView;
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
}
