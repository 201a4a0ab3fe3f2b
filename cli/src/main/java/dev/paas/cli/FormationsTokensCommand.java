package dev.paas.cli;

import java.util.List;

import dev.paas.api.JoinTokenInfo;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "formations:tokens", mixinStandardHelpOptions = true,
        description = "List the join tokens not revoked, of one formation or all (admins only). Shows each token's"
                + " first characters, never the token.")
final class FormationsTokensCommand extends PaasCommand {

    @Parameters(paramLabel = "FORMATION", arity = "0..1", description = "Only this formation's tokens.")
    String formation;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String query = formation == null ? "" : "?formation=" + ApiClient.segment(formation);
        List<JoinTokenInfo> tokens = api().getList("/v1/join-tokens" + query, JoinTokenInfo.class);
        if (json.print(out(), tokens)) {
            return 0;
        }
        Table table = new Table("ID", "TOKEN", "FORMATION", "LAYER", "CREATED BY", "CREATED", "LAST USED");
        tokens.forEach(t -> table.row(t.id(), t.prefix() == null ? "-" : t.prefix() + "...", t.formation(), t.layer(),
                t.createdBy(), Table.time(t.createdAt()), t.lastUsedAt() == null ? "never" : Table.time(t.lastUsedAt())));
        table.print(out());
        return 0;
    }
}
