package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "certs:remove", mixinStandardHelpOptions = true,
        description = "Remove an app's certificate (or the one added for --domain); those names are no longer served"
                + " over HTTPS.")
final class CertsRemoveCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--domain", paramLabel = "NAME", description = "The certificate added for this domain.")
    String domain;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Removing the certificate of " + name
                + (domain == null ? "" : " for " + domain));
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name) + "/certs"
                + (domain == null ? "" : "?domain=" + java.net.URLEncoder.encode(domain, java.nio.charset.StandardCharsets.UTF_8))));
        progress.done();
        return 0;
    }
}
