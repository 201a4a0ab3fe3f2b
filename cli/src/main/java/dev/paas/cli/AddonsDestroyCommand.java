package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:destroy", mixinStandardHelpOptions = true,
        description = "Delete an add-on, its data and its backups, for good. Refused while attached unless --force.")
final class AddonsDestroyCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Option(names = "--confirm", paramLabel = "ADDON", description = "The add-on's name again, to show you mean it.")
    String confirm;

    @Option(names = "--force", description = "Detach it from every app first (each gets a release).")
    boolean force;

    @Override
    public Integer call() {
        if (!addon.equals(confirm)) {
            throw new UserError("To destroy " + addon + " and its data, run: paas addons:destroy " + addon
                    + " --confirm " + addon);
        }
        Progress progress = Progress.start(out(), "Destroying " + addon);
        progress.run(() -> api().delete("/v1/addons/" + ApiClient.segment(addon) + "?confirm="
                + ApiClient.segment(confirm) + (force ? "&force=true" : "")));
        progress.done();
        return 0;
    }
}
