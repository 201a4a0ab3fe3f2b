package dev.paas.cli;

import java.util.List;

import dev.paas.api.AddonView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "addons", mixinStandardHelpOptions = true,
        description = "List the add-ons (backing services) attached to an app, with their state and plan.")
final class AddonsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<AddonView> addons = api().getList("/v1/apps/" + ApiClient.segment(name) + "/addons", AddonView.class);
        if (json.print(out(), addons)) {
            return 0;
        }
        if (addons.isEmpty()) {
            out().println(name + " has no add-ons: 'paas addons:create postgres -a " + name + "' makes one.");
            return 0;
        }
        Table table = new Table("ADD-ON", "TYPE", "PLAN", "STATE", "AS", "NODE");
        for (AddonView a : addons) {
            String as = a.attachments().stream().filter(t -> t.app().equals(name)).map(AddonView.Attachment::var)
                    .findFirst().orElse("");
            table.row(a.name(), a.type(), a.plan(), a.state(), as, a.node() == null ? "" : a.node());
        }
        table.print(out());
        return 0;
    }
}
