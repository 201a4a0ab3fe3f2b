package dev.paas.cli;

import java.nio.file.Path;

import dev.paas.api.CertRequest;
import dev.paas.api.CertView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "certs:platform:set", mixinStandardHelpOptions = true,
        description = "Admins: replace the platform's certificate (it must cover *.<domain>, the apps' default names).")
final class CertsPlatformSetCommand extends PaasCommand {

    @Parameters(index = "0", paramLabel = "CERT.pem", description = "The certificate, then its intermediates, in PEM.")
    Path certificate;

    @Parameters(index = "1", paramLabel = "KEY.pem", description = "Its private key in PEM, not encrypted.")
    Path key;

    @Override
    public Integer call() {
        CertRequest request = new CertRequest(CertLines.read(certificate, "certificate"), CertLines.read(key, "private key"),
                null);
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Setting the platform's certificate");
        CertView set = progress.step(() -> api.put("/v1/platform/cert", request, CertView.class));
        progress.done();
        CertLines.info(out(), set);
        return 0;
    }
}
