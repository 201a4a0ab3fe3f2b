package dev.paas.cli;

import dev.paas.api.HealthCheckSetting;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "healthchecks:set", mixinStandardHelpOptions = true,
        description = "Check a process type over HTTP before it takes traffic (applies to containers started from now on).")
final class HealthchecksSetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "TYPE", description = "The process type, e.g. web.")
    String type;

    @Option(names = "--path", required = true, description = "GET this path; 2xx or 3xx is healthy, e.g. /health.")
    String path;

    @Option(names = "--timeout", defaultValue = "2", description = "Seconds each check may take (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--attempts", defaultValue = "30",
            description = "Failed checks, about one a second, before a new release fails (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        HealthCheckSetting set = api().post("/v1/apps/" + ApiClient.segment(name) + "/healthchecks",
                new HealthCheckSetting(type, path, timeout, attempts), HealthCheckSetting.class);
        out().println("Health check of " + name + " " + set.processType() + ": GET " + set.path() + ", "
                + set.timeoutSeconds() + "s timeout, " + set.attempts() + " attempts");
        return 0;
    }
}
