package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "access:remove", mixinStandardHelpOptions = true,
        description = "Take a collaborator's access to an app away; their next push is refused (owner or admin).")
final class AccessRemoveCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "USER", description = "The collaborator, as 'paas access' lists them.")
    String user;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Removing " + user + "'s access to " + name);
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name) + "/access/" + ApiClient.segment(user)));
        progress.done();
        return 0;
    }
}
