package dev.paas.cli;

import dev.paas.api.EdgeView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "router:limits", mixinStandardHelpOptions = true,
        description = "Show the router's limits for an app's requests.")
final class RouterLimitsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        EdgeLines.limits(out(), api().get("/v1/apps/" + ApiClient.segment(name) + "/router-limits", EdgeView.class));
        return 0;
    }
}
