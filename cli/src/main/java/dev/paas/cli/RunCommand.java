package dev.paas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import dev.paas.api.RunOutput;
import dev.paas.api.RunRequest;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Runs a one-off process from the app's current release (with its config) and passes its exit code through.
 * The command is an argv, not a shell line: {@code paas run -- sh -c 'echo $GREETING'} for shell features.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a one-off process of the current release: paas run -a APP -- CMD ARGS")
final class RunCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() {
        int[] exit = {-1};
        api().postForLines("/v1/apps/" + ApiClient.segment(app.resolve(git())) + "/run", new RunRequest(command), line -> {
            RunOutput output = read(line);
            if (output.exitCode() != null) {
                exit[0] = output.exitCode();
            } else if (output.text() != null) {
                (("stderr".equals(output.stream())) ? err() : out()).print(output.text());
                out().flush();
                err().flush();
            }
        });
        if (exit[0] < 0) {
            throw new UserError("The controller ended the run without an exit code (was it restarted?).");
        }
        return exit[0];
    }

    private static RunOutput read(String line) {
        try {
            return Json.mapper().readValue(line, RunOutput.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
