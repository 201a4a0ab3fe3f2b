package dev.paas.cli;

import dev.paas.api.ReleaseView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "releases:info", mixinStandardHelpOptions = true, description = "Show one release: build, config, status.")
final class ReleasesInfoCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "VERSION", description = "The release, e.g. v3.")
    String version;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ReleaseView r = api().get("/v1/apps/" + ApiClient.segment(name) + "/releases/" + ApiClient.segment(version),
                ReleaseView.class);
        out().println("=== Release v" + r.version() + " of " + name);
        out().println("Summary:  " + r.summary());
        out().println("Status:   " + r.status() + (r.failure() == null ? "" : " (" + r.failure() + ")"));
        out().println("By:       " + r.createdBy());
        out().println("Created:  " + Table.time(r.createdAt()));
        out().println("Commit:   " + r.gitSha());
        out().println("Image:    " + r.image());
        out().println();
        out().println("=== Config Vars");
        r.config().keySet().stream().sorted().forEach(k -> out().println(k + ": " + r.config().get(k)));
        return 0;
    }
}
