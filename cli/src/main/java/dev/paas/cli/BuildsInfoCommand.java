package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.BuildDetail;
import dev.paas.api.BuildView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "builds:info", mixinStandardHelpOptions = true, description = "Show one build with its full log.")
final class BuildsInfoCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "ID", description = "The build, as 'paas builds' lists it.")
    String id;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        if (!id.matches("[0-9]{1,18}")) {
            throw new UserError("'" + id + "' is not a build ID: 'paas builds' lists them.");
        }
        BuildDetail detail = api().get("/v1/apps/" + ApiClient.segment(name) + "/builds/" + id, BuildDetail.class);
        BuildView build = detail.build();
        PrintWriter out = out();
        out.println("=== " + name + " build " + build.id());
        out.println("Status:    " + build.status() + (build.failure() == null ? "" : " (" + build.failure() + ")"));
        out.println("Commit:    " + build.gitSha());
        out.println("By:        " + build.createdBy());
        out.println("Started:   " + Table.time(build.createdAt()));
        out.println("Took:      " + BuildsCommand.took(build));
        out.println("Image:     " + (build.image() == null ? "" : build.image()));
        build.processTypes().forEach((type, command) -> out.println("Process:   " + type + ": " + command));
        out.println();
        out.println("=== Log");
        out.println(detail.log());
        return 0;
    }
}
