package dev.paas.cli;

import java.util.List;

import dev.paas.api.HealthCheckSetting;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "healthchecks", mixinStandardHelpOptions = true, description = "List an app's HTTP health checks.")
final class HealthchecksCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<HealthCheckSetting> checks = api().getList("/v1/apps/" + ApiClient.segment(name) + "/healthchecks",
                HealthCheckSetting.class);
        if (checks.isEmpty()) {
            out().println("No HTTP checks: containers are up once their port accepts connections.");
            return 0;
        }
        Table table = new Table("TYPE", "PATH", "TIMEOUT", "ATTEMPTS", "CONTENT");
        checks.forEach(c -> table.row(c.processType(), c.path(), c.timeoutSeconds() + "s", c.attempts(),
                c.content() == null ? "" : c.content()));
        table.print(out());
        return 0;
    }
}
