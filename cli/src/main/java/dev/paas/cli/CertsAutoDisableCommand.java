package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto:disable", mixinStandardHelpOptions = true,
        description = "Stop getting and renewing certificates automatically; the certificate ACME issued is removed"
                + " (add your own with 'paas certs:add').")
final class CertsAutoDisableCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Disabling automatic certificates of " + name);
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name) + "/certs/auto"));
        progress.done();
        return 0;
    }
}
