package dev.paas.cli;

import dev.paas.api.HttpsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "certs:https-only", mixinStandardHelpOptions = true,
        description = "on: plain HTTP requests to the app's names served over HTTPS are redirected there (308). off: served"
                + " over both.")
final class CertsHttpsOnlyCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "on|off")
    String state;

    @Override
    public Integer call() {
        return CertsHstsCommand.set(this, app, new HttpsRequest(CertsHstsCommand.onOff(state), null),
                "Redirecting HTTP to HTTPS");
    }
}
