package dev.paas.cli;

import java.io.IOException;

import dev.paas.api.CreateUserRequest;
import dev.paas.api.UserView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "users:create", mixinStandardHelpOptions = true,
        description = "Create a user who can log in, create apps and be given access to others' (admins only).")
final class UsersCreateCommand extends PaasCommand {

    @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits, '.', '_' or '-'.")
    String name;

    @Option(names = "--password-stdin",
            description = "Read the password from the first line of standard input instead of asking twice.")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        ApiClient api = api();
        String password = PasswordInput.read(env(), passwordStdin);
        Progress progress = Progress.start(out(), "Creating user " + name);
        UserView created = progress.step(() -> api.post("/v1/users", new CreateUserRequest(name, password), UserView.class));
        progress.done();
        out().println(created.username() + " logs in with: paas login " + paas.config().map(c -> c.url()).orElse("URL")
                + " --username " + created.username());
        return 0;
    }
}
