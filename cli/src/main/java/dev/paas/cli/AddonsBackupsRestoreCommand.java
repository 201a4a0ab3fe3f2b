package dev.paas.cli;

import java.util.Locale;

import dev.paas.api.RestoreResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups:restore", mixinStandardHelpOptions = true,
        description = "Replace an add-on's data with one of its backups.")
final class AddonsBackupsRestoreCommand extends PaasCommand {

    @Parameters(index = "0", paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Parameters(index = "1", paramLabel = "ID", description = "The backup's id ('paas addons:backups ADDON').")
    long id;

    @Override
    public Integer call() {
        Progress progress = Progress.start(out(), "Restoring backup " + id + " into " + addon);
        RestoreResult result = progress.step(() -> api().post("/v1/addons/" + ApiClient.segment(addon)
                + "/backups/" + id + "/restore", null, RestoreResult.class));
        progress.done(String.format(Locale.ROOT, "restored in %.1fs", result.seconds()));
        return 0;
    }
}
