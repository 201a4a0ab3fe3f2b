package dev.paas.cli;

import dev.paas.api.PromoteRequest;
import dev.paas.api.ReleaseView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote", aliases = "pipelines:promote", mixinStandardHelpOptions = true,
        description = "Deploy this app's newest release that served to another app, without building: the other app"
                + " runs the same image with its own config.")
final class PromoteCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--to", required = true, paramLabel = "APP", description = "The app that gets the build.")
    String to;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Promoting " + name + " to " + to);
        ReleaseView release = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/promote",
                new PromoteRequest(to), ReleaseView.class));
        return ReleaseOutcome.report(progress, err(), release);
    }
}
