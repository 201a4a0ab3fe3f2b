package dev.paas.cli;

import dev.paas.api.AddonChange;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:detach", mixinStandardHelpOptions = true,
        description = "Detach an add-on from an app: its config var goes, with a release. The add-on stays.")
final class AddonsDetachCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        Progress progress = Progress.start(out(), "Detaching " + addon + " from " + name);
        AddonChange change = progress.step(() -> api().delete("/v1/addons/" + ApiClient.segment(addon)
                + "/attachments/" + ApiClient.segment(name), AddonChange.class));
        if (change.release() == null) {
            progress.done();
            return 0;
        }
        return ReleaseOutcome.report(progress, err(), change.release());
    }
}
