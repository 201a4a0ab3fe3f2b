package dev.paas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "formations:tokens:revoke", mixinStandardHelpOptions = true,
        description = "Revoke a join token (admins only). Node-agents and routers holding it are refused at their next"
                + " request and stop: restart them with a new token first (paas formations:token).")
final class FormationsTokensRevokeCommand extends PaasCommand {

    @Parameters(paramLabel = "ID", description = "The token's id, as 'paas formations:tokens' lists it.")
    long id;

    @Override
    public Integer call() {
        api().delete("/v1/join-tokens/" + id);
        out().println("Revoked join token " + id + ".");
        return 0;
    }
}
