package dev.paas.cli;

import dev.paas.api.DomainRequest;
import dev.paas.api.DomainView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:add", mixinStandardHelpOptions = true,
        description = "Serve an app under one more host name too; point the name's DNS at the router yourself.")
final class DomainsAddCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "HOST", description = "A host name such as www.example.com (no wildcards).")
    String host;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Adding " + host + " to " + name);
        DomainView added = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/domains",
                new DomainRequest(host), DomainView.class));
        progress.done();
        if (!added.hostname().equals(host)) {
            out().println("Stored as " + added.hostname());
        }
        return 0;
    }
}
