package dev.paas.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import dev.paas.api.AppView;
import dev.paas.api.BuildCacheView;
import dev.paas.api.DomainView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", aliases = "apps:info", mixinStandardHelpOptions = true,
        description = "Show an app: its URLs, domains, release and processes.")
final class InfoCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        AppView view = api().get("/v1/apps/" + ApiClient.segment(app.resolve(git())), AppView.class);
        PrintWriter out = out();
        if (json.print(out, view)) {
            return 0;
        }
        String path = "/v1/apps/" + ApiClient.segment(view.name());
        BuildCacheView disk = api().get(path + "/build-cache", BuildCacheView.class);
        List<String> domains = Arrays.stream(api().get(path + "/domains", DomainView[].class))
                .map(DomainView::hostname).toList();
        out.println("=== " + view.name());
        out.println("Owner:     " + view.owner());
        out.println("Formation: " + view.formation());
        out.println("Git URL:   " + view.gitUrl());
        out.println("Web URL:   " + view.webUrl());
        out.println("Domains:   " + String.join(", ", domains));
        out.println("Release:   " + Table.release(view.release()));
        out.println("Created:   " + Table.time(view.createdAt()));
        out.println("Images:    " + disk.images() + ", " + Table.mib(disk.imageBytes()) + " of app layers");
        out.println("Cache:     " + Table.mib(disk.cacheBytes()));
        out.println();
        out.println("=== Processes");
        if (view.processes() == null || view.processes().isEmpty()) {
            out.println(view.release() == null ? "None yet: deploy with git push paas master" : "None");
            return 0;
        }
        Table table = new Table("NAME", "STATE", "RELEASE", "NODE");
        view.processes().forEach(p -> table.row(p.name(), p.state(), Table.release(p.release()), p.node()));
        table.print(out);
        out.println();
        LimitsCommand.print(out, api().get(path + "/limits", dev.paas.api.LimitsView.class));
        return 0;
    }
}
