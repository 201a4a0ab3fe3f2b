package dev.paas.cli;

import java.util.List;

import dev.paas.api.CertView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "certs:info", mixinStandardHelpOptions = true,
        description = "Show an app's certificates in detail: names, validity, chain, fingerprint. Never the key.")
final class CertsInfoCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--domain", paramLabel = "NAME", description = "Only the certificate added for this domain.")
    String domain;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<CertView> certs = api().getList("/v1/apps/" + ApiClient.segment(name) + "/certs", CertView.class).stream()
                .filter(c -> domain == null || domain.equalsIgnoreCase(c.domain())).toList();
        if (certs.isEmpty()) {
            throw new UserError(name + " has no certificate" + (domain == null ? "" : " for " + domain)
                    + ": 'paas certs -a " + name + "' lists them.");
        }
        certs.forEach(c -> CertLines.info(out(), c));
        return 0;
    }
}
