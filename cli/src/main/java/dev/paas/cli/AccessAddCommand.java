package dev.paas.cli;

import dev.paas.api.AccessRequest;
import dev.paas.api.AccessView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "access:add", mixinStandardHelpOptions = true,
        description = {"Let a user push, deploy, configure, scale and read the logs of an app (owner or admin).",
                "Only the owner or an admin destroys the app or changes who has access."})
final class AccessAddCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "USER", description = "The user, as an admin created them.")
    String user;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Giving " + user + " access to " + name);
        progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/access", new AccessRequest(user),
                AccessView.class));
        progress.done();
        return 0;
    }
}
