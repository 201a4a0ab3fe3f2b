package dev.paas.cli;

import java.util.Comparator;
import java.util.List;

import dev.paas.api.AppView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps", aliases = "apps:list", mixinStandardHelpOptions = true, description = "List your apps.")
final class AppsCommand extends PaasCommand {

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        List<AppView> apps = api().getList("/v1/apps", AppView.class);
        if (json.print(out(), apps)) {
            return 0;
        }
        if (apps.isEmpty()) {
            out().println("You have no apps. Create one with: paas create NAME");
            return 0;
        }
        Table table = new Table("NAME", "RELEASE", "WEB URL");
        apps.stream().sorted(Comparator.comparing(AppView::name))
                .forEach(app -> table.row(app.name(), Table.release(app.release()), app.webUrl()));
        table.print(out());
        return 0;
    }
}
