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
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Clearing the build cache of " + name);
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name) + "/build-cache"));
        progress.done();
        return 0;
    }
}
