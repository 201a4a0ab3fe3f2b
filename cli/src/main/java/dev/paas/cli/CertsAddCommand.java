package dev.paas.cli;

import java.nio.file.Path;

import dev.paas.api.CertRequest;
import dev.paas.api.CertView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "certs:add", mixinStandardHelpOptions = true,
        description = "Serve an app's custom domains over HTTPS with this certificate (replacing the one they had).")
final class CertsAddCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "CERT.pem",
            description = "The certificate, then its intermediates, in PEM (a 'fullchain.pem').")
    Path certificate;

    @Parameters(index = "1", paramLabel = "KEY.pem", description = "Its private key in PEM, not encrypted.")
    Path key;

    @Option(names = "--domain", paramLabel = "NAME",
            description = "Use it for this one custom domain only; without it, it must cover every custom domain.")
    String domain;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        CertRequest request = new CertRequest(CertLines.read(certificate, "certificate"), CertLines.read(key, "private key"),
                domain);
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Adding the certificate to " + name
                + (domain == null ? "" : " for " + domain));
        CertView added = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/certs", request,
                CertView.class));
        progress.done();
        CertLines.info(out(), added);
        return 0;
    }
}
