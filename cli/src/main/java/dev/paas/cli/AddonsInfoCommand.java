package dev.paas.cli;

import dev.paas.api.AddonView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:info", mixinStandardHelpOptions = true,
        description = "Show an add-on: type, plan, state, node and the apps it is attached to.")
final class AddonsInfoCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        AddonView a = api().get("/v1/addons/" + ApiClient.segment(addon), AddonView.class);
        if (json.print(out(), a)) {
            return 0;
        }
        out().println("=== " + a.name());
        out().println("Type:     " + a.type());
        out().println("Plan:     " + a.plan());
        out().println("State:    " + a.state());
        out().println("Node:     " + (a.node() == null ? "" : a.node()));
        out().println("Owner:    " + a.owner());
        out().println("Created:  " + Table.time(a.createdAt()));
        out().println("Attached: " + (a.attachments().isEmpty() ? "(none)" : String.join(", ",
                a.attachments().stream().map(t -> t.app() + " as " + t.var()).toList())));
        return 0;
    }
}
