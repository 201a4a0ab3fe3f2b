package dev.paas.cli;

import dev.paas.api.BackupSchedule;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups:schedule", mixinStandardHelpOptions = true,
        description = "Back an add-on up every day at a time (UTC), keeping the newest scheduled backups.")
final class AddonsBackupsScheduleCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Option(names = "--at", required = true, paramLabel = "HH:MM", description = "The time of day, UTC.")
    String at;

    @Option(names = "--keep", paramLabel = "N", description = "How many scheduled backups to keep (default 7).")
    Integer keep;

    @Override
    public Integer call() {
        BackupSchedule set = api().put("/v1/addons/" + ApiClient.segment(addon) + "/backups/schedule",
                new BackupSchedule(at, keep), BackupSchedule.class);
        out().println(addon + " is backed up every day at " + set.at() + " UTC, keeping " + set.keep()
                + " scheduled backups");
        return 0;
    }
}
