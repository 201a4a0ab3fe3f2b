package dev.paas.cli;

import dev.paas.api.AutoCertView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto:enable", mixinStandardHelpOptions = true,
        description = "Get and renew a certificate for the app's custom domains automatically over ACME (HTTP-01,"
                + " answered by the routers): the domains must point at the routers. 'paas certs' shows its state.")
final class CertsAutoEnableCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        AutoCertView view = api().post("/v1/apps/" + ApiClient.segment(name) + "/certs/auto", null, AutoCertView.class);
        out().println("Automatic certificates enabled for " + name + " (" + String.join(", ", view.domains())
                + "): the certificate is requested now and renewed 30 days before it expires.");
        CertLines.auto(out(), view);
        return 0;
    }
}
