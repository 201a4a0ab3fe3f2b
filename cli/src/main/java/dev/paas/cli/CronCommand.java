package dev.paas.cli;

import java.util.List;

import dev.paas.api.CronEntryView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cron", mixinStandardHelpOptions = true,
        description = "List the cron entries of an app's app.json, with their last and next runs.")
final class CronCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<CronEntryView> entries = api().getList("/v1/apps/" + ApiClient.segment(name) + "/cron", CronEntryView.class);
        if (entries.isEmpty()) {
            out().println("No cron entries: add them to app.json's \"cron\" and push.");
            return 0;
        }
        Table table = new Table("NAME", "SCHEDULE", "COMMAND", "POLICY", "LAST RUN", "EXIT", "NEXT RUN");
        entries.forEach(e -> table.row(e.name(), e.schedule(), e.command(), e.concurrencyPolicy(),
                Table.time(e.lastRunAt()), e.running() ? "running" : e.lastExitCode() == null ? "-" : e.lastExitCode(),
                Table.time(e.nextRunAt())));
        table.print(out());
        return 0;
    }
}
