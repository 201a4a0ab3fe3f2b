package dev.paas.cli;

import dev.paas.api.BackupView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups:capture", mixinStandardHelpOptions = true,
        description = "Take a backup of an add-on now (a compressed dump of the running service).")
final class AddonsBackupsCaptureCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Override
    public Integer call() {
        Progress progress = Progress.start(out(), "Backing up " + addon);
        BackupView backup = progress.step(() -> api().post("/v1/addons/" + ApiClient.segment(addon) + "/backups",
                null, BackupView.class));
        if (!"succeeded".equals(backup.status())) {
            progress.end("failed");
            err().println("Backup " + backup.id() + " failed: " + backup.failure());
            return 1;
        }
        progress.done("backup " + backup.id() + ", " + AddonsBackupsCommand.size(backup.sizeBytes()));
        return 0;
    }
}
