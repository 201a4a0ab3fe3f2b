package dev.paas.cli;

import dev.paas.api.CreateFormationRequest;
import dev.paas.api.FormationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "formations:create", mixinStandardHelpOptions = true,
        description = "Create a formation; node-agents join it with a join token from formations:token (admins only).")
final class FormationsCreateCommand extends PaasCommand {

    @Parameters(paramLabel = "NAME", description = "e.g. prod, or eu-west")
    String name;

    @Override
    public Integer call() {
        FormationView created = api().post("/v1/formations", new CreateFormationRequest(name), FormationView.class);
        out().println("Created formation " + created.name() + ": make join tokens for its nodes with paas formations:token " + created.name());
        return 0;
    }
}
