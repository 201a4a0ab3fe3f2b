package dev.paas.cli;

import dev.paas.api.QuotaView;
import dev.paas.api.UserQuotas;
import dev.paas.api.WhoAmI;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quotas", aliases = "quotas:info", mixinStandardHelpOptions = true,
        description = {"Show your limits and what you use of them; an admin sees anyone's with -u.",
                "An admin sets a user's limits with 'paas quotas:set'."})
final class QuotasCommand extends PaasCommand {

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Whose quotas (admins only); yours by default.")
    String user;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ApiClient api = api();
        String name = user != null ? user : api.get("/v1/whoami", WhoAmI.class).username();
        UserQuotas quotas = api.get("/v1/users/" + ApiClient.segment(name) + "/quotas", UserQuotas.class);
        if (json.print(out(), quotas)) {
            return 0;
        }
        print(this, quotas);
        return 0;
    }

    /** The table 'quotas' and 'quotas:set' print. */
    static void print(PaasCommand command, UserQuotas quotas) {
        Table table = new Table("QUOTA", "LIMIT", "USED", "PER", "SET");
        for (QuotaView quota : quotas.quotas()) {
            table.row(quota.name(), quota.limit(), quota.used(), quota.scope(), quota.custom() ? "for "
                    + quotas.username() : "default");
        }
        table.print(command.out());
        if (quotas.admin()) {
            command.out().println(quotas.username() + " is an admin: these limits are not applied to them.");
        }
    }
}
