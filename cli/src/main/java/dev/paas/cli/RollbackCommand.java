package dev.paas.cli;

import dev.paas.api.ReleaseView;
import dev.paas.api.RollbackRequest;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", aliases = "releases:rollback", mixinStandardHelpOptions = true,
        description = "Make a new release from an earlier one's build and config, and roll it out.")
final class RollbackCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "The release to go back to, e.g. v2. Default: the previous one.")
    String version;

    @Override
    public Integer call() {
        Integer target = parse();
        String name = app.resolve(git());
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Rolling back " + name + (target == null ? "" : " to v" + target));
        ReleaseView release = progress.step(() -> api.post("/v1/apps/" + ApiClient.segment(name) + "/rollback",
                new RollbackRequest(target), ReleaseView.class));
        return ReleaseOutcome.report(progress, err(), release);
    }

    private Integer parse() {
        if (version == null) {
            return null;
        }
        try {
            return Integer.parseInt(version.startsWith("v") ? version.substring(1) : version);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + version + "' is not a release: use vN, e.g. v2.");
        }
    }
}
