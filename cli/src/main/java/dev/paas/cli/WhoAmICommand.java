package dev.paas.cli;

import dev.paas.api.WhoAmI;
import picocli.CommandLine.Command;

@Command(name = "whoami", aliases = "auth:whoami", mixinStandardHelpOptions = true,
        description = "Show who you are logged in as.")
final class WhoAmICommand extends PaasCommand {

    @Override
    public Integer call() {
        WhoAmI me = api().get("/v1/whoami", WhoAmI.class);
        out().println(me.admin() ? me.username() + " (admin)" : me.username());
        return 0;
    }
}
