package dev.paas.cli;

import java.util.List;

import dev.paas.api.AccessView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "access", mixinStandardHelpOptions = true,
        description = "List who may work on an app: its owner and its collaborators.")
final class AccessCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<AccessView> access = api().getList("/v1/apps/" + ApiClient.segment(name) + "/access", AccessView.class);
        if (json.print(out(), access)) {
            return 0;
        }
        Table table = new Table("USERNAME", "ROLE", "SINCE");
        access.forEach(a -> table.row(a.username(), a.role(), Table.time(a.since())));
        table.print(out());
        return 0;
    }
}
