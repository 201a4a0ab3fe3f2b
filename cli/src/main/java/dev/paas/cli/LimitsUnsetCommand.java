package dev.paas.cli;

import java.util.List;
import java.util.Map;

import dev.paas.api.LimitsUpdate;
import dev.paas.api.LimitsView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "limits:unset", mixinStandardHelpOptions = true,
        description = "Give process types the formation's default memory and CPU again; they restart with no downtime.")
final class LimitsUnsetCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "TYPE", description = "e.g. web")
    List<String> types;

    @Override
    public Integer call() {
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Unsetting limits of " + name);
        LimitsView view = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/limits",
                new LimitsUpdate(Map.of(), Map.of(), types), LimitsView.class));
        progress.done();
        LimitsCommand.print(out(), view);
        return 0;
    }
}
