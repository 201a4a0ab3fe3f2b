package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:remove", mixinStandardHelpOptions = true,
        description = "Stop serving an app under a host name added with domains:add.")
final class DomainsRemoveCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "HOST", description = "The host name, as 'paas domains' lists it.")
    String host;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Removing " + host + " from " + name);
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name) + "/domains/" + ApiClient.segment(host)));
        progress.done();
        return 0;
    }
}
