package dev.paas.cli;

import java.util.List;

import dev.paas.api.ReleaseView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first.")
final class ReleasesCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<ReleaseView> releases = api().getList("/v1/apps/" + ApiClient.segment(name) + "/releases", ReleaseView.class);
        out().println("=== " + name + " Releases");
        if (releases.isEmpty()) {
            out().println("None yet: deploy with git push paas master");
            return 0;
        }
        Table table = new Table("VERSION", "STATUS", "SUMMARY", "BY", "CREATED");
        releases.forEach(r -> table.row("v" + r.version(), r.status(), r.summary(), r.createdBy(), Table.time(r.createdAt())));
        table.print(out());
        return 0;
    }
}
