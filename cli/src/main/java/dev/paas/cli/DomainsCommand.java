package dev.paas.cli;

import java.util.List;

import dev.paas.api.DomainView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "domains", mixinStandardHelpOptions = true,
        description = "List the host names an app is served under: its default one and those added with domains:add.")
final class DomainsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<DomainView> domains = api().getList("/v1/apps/" + ApiClient.segment(name) + "/domains", DomainView.class);
        if (json.print(out(), domains)) {
            return 0;
        }
        Table table = new Table("DOMAIN", "TYPE", "ADDED");
        domains.forEach(d -> table.row(d.hostname(), d.type(), Table.time(d.createdAt())));
        table.print(out());
        return 0;
    }
}
