package dev.paas.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.paas.api.AppView;
import dev.paas.api.CreateAppRequest;
import dev.paas.api.SshInfo;
import dev.paas.cli.git.Git;
import dev.paas.cli.git.GitRemotes;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import dev.paas.cli.ssh.KnownHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates the app, then prepares the first push: the {@code paas} git remote and the git server's host keys in
 * ~/.ssh/known_hosts. The app exists once the POST succeeds, so trouble with either step is a warning, not a failure.
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
        addRemote(app.gitUrl());
        trustGitServer(api);
        return 0;
    }

    private void addRemote(String gitUrl) {
        Git git = git();
        if (!git.insideWorkTree()) {
            out().println("Not inside a git checkout: add the remote yourself with git remote add "
                    + GitRemotes.REMOTE + " " + gitUrl);
            return;
        }
        Optional<String> existing = git.remoteUrl(GitRemotes.REMOTE);
        if (existing.isPresent()) {
            out().println(existing.get().equals(gitUrl)
                    ? "Git remote " + GitRemotes.REMOTE + " already points to " + gitUrl
                    : "Git remote " + GitRemotes.REMOTE + " already exists (" + existing.get() + "): left it as it is");
            return;
        }
        Git.Result added = git.addRemote(GitRemotes.REMOTE, gitUrl);
        if (added.ok()) {
            out().println("Git remote " + GitRemotes.REMOTE + " added");
        } else {
            err().println("Warning: could not add git remote " + GitRemotes.REMOTE + ": " + added.output().strip());
        }
    }

    private void trustGitServer(ApiClient api) {
        var knownHosts = env().home().resolve(".ssh").resolve("known_hosts");
        try {
            SshInfo ssh = api.get("/v1/ssh", SshInfo.class);
            List<String> added = KnownHosts.merge(knownHosts, ssh.host(), ssh.port(),
                    ssh.hostKeys() == null ? List.of() : ssh.hostKeys());
            if (!added.isEmpty()) {
                out().println("Added the git server's host keys for " + KnownHosts.hostPattern(ssh.host(), ssh.port())
                        + " to " + knownHosts);
            }
        } catch (ApiException | IOException e) {
            err().println("Warning: could not add the git server's host keys to " + knownHosts + ": " + e.getMessage());
        }
    }
}
