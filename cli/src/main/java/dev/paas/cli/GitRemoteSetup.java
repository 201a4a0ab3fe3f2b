package dev.paas.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.paas.api.SshInfo;
import dev.paas.cli.git.Git;
import dev.paas.cli.git.GitRemotes;
import dev.paas.cli.http.ApiClient;
import dev.paas.cli.http.ApiException;
import dev.paas.cli.ssh.KnownHosts;

/**
 * Prepares a checkout to push to an app: the {@code paas} git remote and the git server's host keys in
 * ~/.ssh/known_hosts (so the first push asks nothing). Used by {@code create} and {@code git:remote}.
 */
final class GitRemoteSetup {

    private final PaasCommand command;

    GitRemoteSetup(PaasCommand command) {
        this.command = command;
    }

    /**
     * Adds the remote; an existing {@code paas} remote is pointed at the app only when {@code replace} says so.
     *
     * @return false when git refused (its complaint is printed on stderr)
     */
    boolean remote(String gitUrl, boolean replace) {
        Git git = command.git();
        String remote = GitRemotes.REMOTE;
        Optional<String> existing = git.remoteUrl(remote);
        if (existing.filter(gitUrl::equals).isPresent()) {
            command.out().println("Git remote " + remote + " already points to " + gitUrl);
            return true;
        }
        if (existing.isPresent() && !replace) {
            command.out().println("Git remote " + remote + " already exists (" + existing.get() + "): left it as it is");
            return true;
        }
        Git.Result done = existing.isPresent() ? git.setRemoteUrl(remote, gitUrl) : git.addRemote(remote, gitUrl);
        if (done.ok()) {
            command.out().println("Git remote " + remote + (existing.isPresent() ? " now points to " + gitUrl
                    + " (was " + existing.get() + ")" : " added"));
        } else {
            command.err().println("Could not set git remote " + remote + ": " + done.output().strip());
        }
        return done.ok();
    }

    /** A failure is a warning: the push would then ask the user to confirm the host key itself. */
    void trustGitServer(ApiClient api) {
        var knownHosts = command.env().home().resolve(".ssh").resolve("known_hosts");
        try {
            SshInfo ssh = api.get("/v1/ssh", SshInfo.class);
            List<String> added = KnownHosts.merge(knownHosts, ssh.host(), ssh.port(),
                    ssh.hostKeys() == null ? List.of() : ssh.hostKeys());
            if (!added.isEmpty()) {
                command.out().println("Added the git server's host keys for "
                        + KnownHosts.hostPattern(ssh.host(), ssh.port()) + " to " + knownHosts);
            }
        } catch (ApiException | IOException e) {
            command.err().println("Warning: could not add the git server's host keys to " + knownHosts + ": "
                    + e.getMessage());
        }
    }
}
