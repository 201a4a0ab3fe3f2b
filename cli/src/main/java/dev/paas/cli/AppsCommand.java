package dev.paas.cli;

import java.util.Comparator;
import java.util.List;

import dev.paas.api.AccessView;
import dev.paas.api.AppView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps", aliases = "apps:list", mixinStandardHelpOptions = true, description = "List the apps you own and those shared with you (admins: all).")
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
        Table table = new Table("NAME", "RELEASE", "OWNER", "WEB URL");
        apps.stream().sorted(Comparator.comparing(AppView::name))
                .forEach(app -> table.row(app.name(), Table.release(app.release()), owner(app), app.webUrl()));
        table.print(out());
        return 0;
    }

    /** "you" for your own apps, else who shared it (or, for an admin, whose it is). */
    private static String owner(AppView app) {
        return AccessView.OWNER.equals(app.access()) ? "you" : app.owner();
    }
}
