package dev.paas.cli;

import dev.paas.api.CertView;
import picocli.CommandLine.Command;

@Command(name = "certs:platform", mixinStandardHelpOptions = true,
        description = "Show the platform's certificate, which serves every app's default <app>.<domain> name over HTTPS.")
final class CertsPlatformCommand extends PaasCommand {

    @Override
    public Integer call() {
        CertLines.info(out(), api().get("/v1/platform/cert", CertView.class));
        return 0;
    }
}
