package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "builds:cache:clear", mixinStandardHelpOptions = true,
        description = "Empty an app's build cache: the next build installs its dependencies afresh.")
final class BuildsCacheClearCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        api().delete("/v1/apps/" + ApiClient.segment(name) + "/build-cache");
        out().println("Clearing the build cache of " + name + "... done");
        return 0;
    }
}
