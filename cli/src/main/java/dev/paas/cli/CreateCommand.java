package dev.paas.cli;

import dev.paas.api.AppView;
import dev.paas.api.CreateAppRequest;
import dev.paas.cli.git.GitRemotes;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates the app, then prepares the first push ({@link GitRemoteSetup}). The app exists once the POST succeeds, so
 * trouble with the remote or the host keys is a warning, not a failure.
 */
@Command(name = "create", aliases = "apps:create", mixinStandardHelpOptions = true,
        description = "Create an app and add the 'paas' git remote for it.")
final class CreateCommand extends PaasCommand {

    @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits and dashes.")
    String name;

    @Option(names = "--formation", paramLabel = "FORMATION",
            description = "The formation (group of nodes) the app runs in; default: the default formation.")
    String formation;

    @Override
    public Integer call() {
        ApiClient api = api();
        Progress progress = Progress.start(out(),
                "Creating " + name + (formation == null ? "" : " in formation " + formation));
        AppView app = progress.step(() -> api.post("/v1/apps", new CreateAppRequest(name, formation),
                AppView.class));
        progress.done();
        out().println("Web URL: " + app.webUrl());
        out().println("Git URL: " + app.gitUrl());
        GitRemoteSetup setup = new GitRemoteSetup(this);
        if (git().insideWorkTree()) {
            setup.remote(app.gitUrl(), false);
        } else {
            out().println("Not inside a git checkout: add the remote yourself with git remote add "
                    + GitRemotes.REMOTE + " " + app.gitUrl());
        }
        setup.trustGitServer(api);
        return 0;
    }
}
