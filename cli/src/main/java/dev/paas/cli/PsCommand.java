package dev.paas.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.paas.api.ProcessStatus;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps", mixinStandardHelpOptions = true, description = "List an app's containers: state, release, node, uptime.")
final class PsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        List<ProcessStatus> processes = api().getList("/v1/apps/" + ApiClient.segment(name) + "/ps", ProcessStatus.class);
        out().println("=== " + name + " Processes");
        if (processes.isEmpty()) {
            out().println("None: scale up with paas scale web=1, or deploy with git push paas master");
            return 0;
        }
        Instant now = Instant.now();
        Table table = new Table("NAME", "STATE", "RELEASE", "NODE", "SINCE", "MEMORY", "CPU", "LAST EXIT");
        processes.forEach(p -> table.row(p.name(), p.state(), "v" + p.release(), p.node(), ago(p.since(), now),
                p.memoryMb() > 0 ? p.memoryMb() + " MB" : "-", LimitsCommand.cpu(p.cpuMillis()),
                p.lastExit() == null ? "-" : p.lastExit() + " " + ago(p.lastExitAt(), now) + " ago"));
        table.print(out());
        return 0;
    }

    /** {@code 42s}, {@code 5m 3s}, {@code 2h 1m}, {@code 3d 4h}. */
    static String ago(Instant since, Instant now) {
        if (since == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(since, now).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
