package dev.paas.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.paas.api.BuildView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "builds", aliases = "builds:list", mixinStandardHelpOptions = true,
        description = "List an app's builds, newest first.")
final class BuildsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<BuildView> builds = api().getList("/v1/apps/" + ApiClient.segment(name) + "/builds", BuildView.class);
        if (builds.isEmpty()) {
            out().println(name + " has no builds yet: deploy with git push paas master");
            return 0;
        }
        Table table = new Table("ID", "STATUS", "COMMIT", "BY", "STARTED", "TOOK", "PROCESSES", "FAILURE");
        builds.forEach(b -> table.row(Long.toString(b.id()), b.status(), shortSha(b.gitSha()), b.createdBy(),
                Table.time(b.createdAt()), took(b), String.join(", ", b.processTypes().keySet()),
                b.failure() == null ? "" : b.failure()));
        table.print(out());
        return 0;
    }

    static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }

    static String took(BuildView build) {
        if (build.finishedAt() == null || build.createdAt() == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1fs",
                Duration.between(build.createdAt(), build.finishedAt()).toMillis() / 1000.0);
    }
}
