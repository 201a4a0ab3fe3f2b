package dev.paas.cli;

import dev.paas.cli.git.Git;
import dev.paas.cli.git.GitRemotes;
import picocli.CommandLine.Option;

/** {@code -a/--app APP}, mixed into every command about one app; without it the app comes from the paas git remote. */
final class AppOption {

    static final String NO_APP = "No app given: use -a APP, or run this inside a git checkout with a 'paas' remote.";

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "The app. Default: the one the 'paas' git remote of this checkout points to.")
    String app;

    String resolve(Git git) {
        if (app != null) {
            return app;
        }
        return git.remoteUrl(GitRemotes.REMOTE).flatMap(GitRemotes::appName).orElseThrow(() -> new UserError(NO_APP));
    }
}
