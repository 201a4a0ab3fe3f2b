package dev.paas.cli;

import dev.paas.api.AppView;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Points this checkout's {@code paas} remote at an existing app, as {@code heroku git:remote -a APP} does: for a
 * fresh clone, a second machine, or a checkout whose remote points at another app.
 */
@Command(name = "git:remote", mixinStandardHelpOptions = true,
        description = "Set this checkout's 'paas' git remote to an existing app, e.g. in a fresh clone: paas git:remote -a APP")
final class GitRemoteCommand extends PaasCommand {

    @Option(names = {"-a", "--app"}, paramLabel = "APP", required = true, description = "The app to push to.")
    String app;

    @Override
    public Integer call() {
        if (!git().insideWorkTree()) {
            throw new UserError("Not inside a git checkout: run this in the app's checkout (or git init first).");
        }
        ApiClient api = api();
        AppView view = api.get("/v1/apps/" + ApiClient.segment(app), AppView.class);
        GitRemoteSetup setup = new GitRemoteSetup(this);
        if (!setup.remote(view.gitUrl(), true)) {
            return 1; // setting the remote is this command's whole job
        }
        setup.trustGitServer(api);
        return 0;
    }
}
