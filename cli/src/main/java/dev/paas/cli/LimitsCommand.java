package dev.paas.cli;

import java.io.PrintWriter;

import dev.paas.api.LimitsView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Show the memory and CPU each container of an app's process types gets.")
final class LimitsCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        LimitsView view = api().get("/v1/apps/" + ApiClient.segment(app.resolve(git())) + "/limits", LimitsView.class);
        if (json.print(out(), view)) {
            return 0;
        }
        print(out(), view);
        return 0;
    }

    static void print(PrintWriter out, LimitsView view) {
        out.println("=== " + view.app() + " Limits (formation " + view.formation() + ")");
        if (view.limits().isEmpty()) {
            out.println("No process types yet: deploy with git push paas master, or preset one with paas limits:set web=512M");
            return;
        }
        Table table = new Table("TYPE", "MEMORY", "CPU", "SET BY");
        view.limits().forEach(l -> table.row(l.processType(), l.memoryMb() + " MB", cpu(l.cpuMillis()),
                l.source().equals("app") ? "app" : "default"));
        table.print(out);
    }

    /** {@code 0.5}, or {@code shared} for none (the CPU is shared by weight). */
    static String cpu(int millis) {
        return millis <= 0 ? "shared" : new java.math.BigDecimal(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
