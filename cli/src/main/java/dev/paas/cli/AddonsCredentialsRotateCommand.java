package dev.paas.cli;

import dev.paas.api.AddonRotation;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "addons:credentials:rotate", mixinStandardHelpOptions = true,
        description = "Give an add-on a new password (the old one stops working) and every attached app a release"
                + " with the new URL.")
final class AddonsCredentialsRotateCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name, e.g. postgres-amber-42.")
    String addon;

    @Override
    public Integer call() {
        Progress progress = Progress.start(out(), "Rotating the credentials of " + addon);
        AddonRotation rotation = progress.step(() -> api().post("/v1/addons/" + ApiClient.segment(addon)
                + "/credentials/rotate", null, AddonRotation.class));
        progress.done();
        int exit = 0;
        for (AddonRotation.AppRelease app : rotation.apps()) {
            if (app.release() == null) {
                out().println("  " + app.app() + ": " + app.var() + " set (no build yet: it applies from the first"
                        + " deploy)");
            } else if ("succeeded".equals(app.release().status())) {
                out().println("  " + app.app() + ": " + app.var() + " in v" + app.release().version());
            } else {
                exit = 1;
                err().println(app.app() + ": v" + app.release().version() + " " + app.release().status()
                        + (app.release().failure() == null ? "" : ": " + app.release().failure())
                        + "; see 'paas releases -a " + app.app() + "'.");
            }
        }
        return exit;
    }
}
