package dev.paas.cli;

import dev.paas.api.CronRunResult;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cron:run", mixinStandardHelpOptions = true,
        description = "Run one cron entry now, in a one-off of the current release (its output: paas logs).")
final class CronRunCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "NAME", description = "The entry's name, as 'paas cron' lists it.")
    String entry;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        CronRunResult result = api().post("/v1/apps/" + ApiClient.segment(name) + "/cron/" + ApiClient.segment(entry)
                + "/run", null, CronRunResult.class);
        if (result.exitCode() == null) {
            out().println("cron[" + result.name() + "] of v" + result.release() + " " + result.message());
            return 0;
        }
        out().println("cron[" + result.name() + "] of v" + result.release() + " exited with status " + result.exitCode()
                + " (output: paas logs -a " + name + ")");
        return result.exitCode() == 0 ? 0 : 1;
    }
}
