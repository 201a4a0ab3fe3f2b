package dev.paas.cli;

import java.util.List;
import java.util.Locale;

import dev.paas.api.BackupView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups", mixinStandardHelpOptions = true,
        description = "List an add-on's backups: id, status, size, when, and who or what took it.")
final class AddonsBackupsCommand extends PaasCommand {

    @Parameters(paramLabel = "ADDON", description = "The add-on's name.")
    String addon;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        List<BackupView> backups = api().getList("/v1/addons/" + ApiClient.segment(addon) + "/backups",
                BackupView.class);
        if (json.print(out(), backups)) {
            return 0;
        }
        if (backups.isEmpty()) {
            out().println(addon + " has no backups: 'paas addons:backups:capture " + addon + "' takes one.");
            return 0;
        }
        Table table = new Table("ID", "STATUS", "SIZE", "TAKEN", "BY", "FAILURE");
        backups.forEach(b -> table.row(Long.toString(b.id()), b.status(), size(b.sizeBytes()),
                Table.time(b.startedAt()), b.madeBy(), b.failure() == null ? "" : b.failure()));
        table.print(out());
        return 0;
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
