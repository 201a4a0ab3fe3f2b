package dev.paas.cli;

import java.util.Optional;

import dev.paas.cli.git.Git;
import dev.paas.cli.git.GitRemotes;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "destroy", aliases = "apps:destroy", mixinStandardHelpOptions = true,
        description = "Delete an app and everything it runs, for good.")
final class DestroyCommand extends PaasCommand {

    @Mixin
    AppOption app;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again, to show you mean it.")
    String confirm;

    /** Heroku's {@code apps:destroy APP --confirm APP}: the app may also be named without -a. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "The app (instead of -a APP).")
    String named;

    @Override
    public Integer call() {
        Git git = git();
        if (named != null && app.app != null && !named.equals(app.app)) {
            throw new UserError("Two apps given (" + named + " and -a " + app.app + "): name one.");
        }
        String name = named != null ? named : app.resolve(git);
        if (!name.equals(confirm)) {
            throw new UserError("To destroy " + name + ", run: paas destroy -a " + name + " --confirm " + name);
        }
        ApiClient api = api();
        Progress progress = Progress.start(out(), "Destroying " + name);
        progress.run(() -> api.delete("/v1/apps/" + ApiClient.segment(name)));
        progress.done();
        // Like Heroku: the checkout's remote to the app is useless now; a remote to another app is left alone.
        Optional<String> remote = git.remoteUrl(GitRemotes.REMOTE);
        if (remote.flatMap(GitRemotes::appName).filter(name::equals).isPresent()
                && git.removeRemote(GitRemotes.REMOTE).ok()) {
            out().println("Git remote " + GitRemotes.REMOTE + " removed");
        }
        return 0;
    }
}
