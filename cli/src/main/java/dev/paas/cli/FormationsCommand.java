package dev.paas.cli;

import java.util.List;

import dev.paas.api.FormationView;
import picocli.CommandLine.Command;

@Command(name = "formations", mixinStandardHelpOptions = true, description = "List formations (admins only).")
final class FormationsCommand extends PaasCommand {

    @Override
    public Integer call() {
        List<FormationView> formations = api().getList("/v1/formations", FormationView.class);
        Table table = new Table("NAME", "RUNTIME NODES", "PROXY NODES", "APPS");
        formations.forEach(f -> table.row(f.name(), f.runtimeNodes(), f.proxyNodes(), f.apps()));
        table.print(out());
        return 0;
    }
}
