package dev.paas.cli;

import dev.paas.api.EdgeView;
import dev.paas.api.LimitsRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "router:limits:set", mixinStandardHelpOptions = true,
        description = "Set the router's limits for an app's requests (no release; 0 puts back a default).")
final class RouterLimitsSetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--body-mb", paramLabel = "MB", description = "Largest request body, 1 to 10240 MB (default 100).")
    Integer bodyMb;

    @Option(names = "--read-timeout", paramLabel = "SECONDS",
            description = "How long the app may stay silent while answering, WebSockets and event streams included,"
                    + " 1 to 3600 s (default 60).")
    Integer readTimeout;

    @Override
    public Integer call() {
        if (bodyMb == null && readTimeout == null) {
            throw new UserError("Give --body-mb, --read-timeout or both.");
        }
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Setting router limits of " + name);
        EdgeView view = progress.step(() -> api.put("/v1/apps/" + ApiClient.segment(name) + "/router-limits",
                new LimitsRequest(bodyMb, readTimeout), EdgeView.class));
        progress.done();
        EdgeLines.limits(out(), view);
        return 0;
    }
}
