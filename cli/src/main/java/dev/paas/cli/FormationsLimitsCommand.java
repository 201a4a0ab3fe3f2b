package dev.paas.cli;

import dev.paas.api.FormationLimits;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "formations:limits", mixinStandardHelpOptions = true,
        description = "Show or set a formation's defaults and maximums for app containers (admins only), e.g."
                + " --default-memory 256M --max-memory 2G --max-cpu 2. 'none' clears one. Defaults reach running"
                + " containers when they next restart.")
final class FormationsLimitsCommand extends PaasCommand {

    @Parameters(paramLabel = "FORMATION", description = "e.g. default, prod")
    String formation;

    @Option(names = "--default-memory", paramLabel = "SIZE", description = "memory of a type nobody sized, e.g. 256M")
    String defaultMemory;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "the most limits:set may give, e.g. 2G")
    String maxMemory;

    @Option(names = "--default-cpu", paramLabel = "CPUS", description = "CPU limit of a type nobody sized, e.g. 1")
    String defaultCpu;

    @Option(names = "--max-cpu", paramLabel = "CPUS", description = "the most CPU limits:set may give, e.g. 2")
    String maxCpu;

    @Option(names = "--overcommit", paramLabel = "RATIO",
            description = "how many times its memory a node takes in container limits, 1 to 4 (platform default 1.5)")
    String overcommit;

    @Override
    public Integer call() {
        String path = "/v1/formations/" + ApiClient.segment(formation) + "/limits";
        boolean change = defaultMemory != null || maxMemory != null || defaultCpu != null || maxCpu != null
                || overcommit != null;
        FormationLimits limits = change
                ? api().post(path, new FormationLimits(formation, defaultMemory, maxMemory, defaultCpu, maxCpu, overcommit),
                        FormationLimits.class)
                : api().get(path, FormationLimits.class);
        out().println("=== Formation " + limits.formation() + " limits");
        out().println("Default memory: " + limits.defaultMemory());
        out().println("Max memory:     " + limits.maxMemory());
        out().println("Default CPU:    " + limits.defaultCpu());
        out().println("Max CPU:        " + limits.maxCpu());
        out().println("Overcommit:     " + limits.overcommit());
        return 0;
    }
}
