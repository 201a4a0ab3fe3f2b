package dev.paas.cli;

import dev.paas.api.JoinTokenRequest;
import dev.paas.api.JoinTokenView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "formations:token", mixinStandardHelpOptions = true,
        description = "Make a join token for a formation's layer: node-agents (runtime) or routers (proxy) started"
                + " with --join-token TOKEN join it (admins only). The token is shown once.")
final class FormationsTokenCommand extends PaasCommand {

    @Parameters(paramLabel = "FORMATION", description = "e.g. default, prod")
    String formation;

    @Option(names = "--layer", paramLabel = "LAYER", defaultValue = "runtime",
            description = "runtime (node-agents run app containers) or proxy (routers serve the formation's apps);"
                    + " default: ${DEFAULT-VALUE}")
    String layer;

    @Override
    public Integer call() {
        JoinTokenView token = api().post("/v1/formations/" + ApiClient.segment(formation) + "/join-tokens",
                new JoinTokenRequest(layer), JoinTokenView.class);
        out().println(token.token());
        String process = token.layer().equals("proxy") ? "paas-router" : "paas-node-agent";
        err().println("Join token for the " + token.layer() + " layer of formation " + token.formation()
                + ": start " + process + " with --join-token TOKEN (shown once, keep it secret).");
        return 0;
    }
}
