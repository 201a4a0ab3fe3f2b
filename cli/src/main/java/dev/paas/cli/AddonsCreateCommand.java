package dev.paas.cli;

import dev.paas.api.AddonChange;
import dev.paas.api.AddonRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:create", mixinStandardHelpOptions = true,
        description = "Run a backing service for an app and attach it (e.g. DATABASE_URL); prints the add-on's name.")
final class AddonsCreateCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "TYPE", description = "postgres (DATABASE_URL), mysql (MYSQL_URL) or redis (REDIS_URL).")
    String type;

    @Option(names = "--plan", paramLabel = "PLAN", description = "hobby (256 MB, default) or standard (1024 MB).")
    String plan;

    @Option(names = "--as", paramLabel = "NAME", description = "Attach as NAME_URL instead of the type's default.")
    String as;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        Progress progress = Progress.start(out(), "Creating " + type + " for " + name);
        AddonChange change = progress.step(() -> api().post("/v1/addons", new AddonRequest(type, name, plan, as),
                AddonChange.class));
        return AddonsAttachCommand.report(progress, err(), change, name);
    }
}
