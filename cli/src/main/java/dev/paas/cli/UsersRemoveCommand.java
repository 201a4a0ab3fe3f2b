package dev.paas.cli;

import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "users:remove", mixinStandardHelpOptions = true,
        description = {"Remove a user with their tokens, SSH keys and access to others' apps (admins only).",
                "Refused while they own apps: destroy those first."})
final class UsersRemoveCommand extends PaasCommand {

    @Parameters(paramLabel = "NAME", description = "The user, as 'paas users' lists them.")
    String name;

    @Override
    public Integer call() {
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Removing user " + name);
        progress.run(() -> api.delete("/v1/users/" + ApiClient.segment(name)));
        progress.done();
        return 0;
    }
}
