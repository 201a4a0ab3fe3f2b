package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.AddonChange;
import dev.paas.api.AddonRequest;
import dev.paas.api.AddonView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:attach", mixinStandardHelpOptions = true,
        description = "Attach an existing add-on to an app too: sets NAME_URL (--as) or its default, with a release.")
final class AddonsAttachCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "ADDON", description = "The add-on's name, e.g. postgres-amber-42.")
    String addon;

    @Option(names = "--as", paramLabel = "NAME", description = "Attach as NAME_URL, e.g. --as ANALYTICS.")
    String as;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        Progress progress = Progress.start(out(), "Attaching " + addon + " to " + name);
        AddonChange change = progress.step(() -> api().post("/v1/addons/" + ApiClient.segment(addon)
                + "/attachments", new AddonRequest(null, name, null, as), AddonChange.class));
        return report(progress, err(), change, name);
    }

    /** "done, postgres-amber-42 as DATABASE_URL (v7)", or why the release did not serve. */
    static int report(Progress progress, PrintWriter err, AddonChange change, String app) {
        AddonView addon = change.addon();
        String as = addon.attachments().stream().filter(a -> a.app().equals(app)).map(AddonView.Attachment::var)
                .findFirst().orElse("?");
        if (change.release() == null) {
            progress.done(addon.name() + " as " + as + " (no build yet: it applies from the first deploy)");
            return 0;
        }
        if ("succeeded".equals(change.release().status())) {
            progress.done(addon.name() + " as " + as + " (v" + change.release().version() + ")");
            return 0;
        }
        return ReleaseOutcome.report(progress, err, change.release());
    }
}
