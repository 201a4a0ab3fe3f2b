package dev.paas.builder.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;

/** The real git and ssh binaries of one user (one key), talking to the server on 127.0.0.1 with strict host keys. */
final class GitClient {

    private final Path home;
    private final Path key;
    private final Path knownHosts;
    private final int port;
    private final Path work;

    GitClient(Path home, Path key, Path knownHosts, int port) {
        this.home = home;
        this.key = key;
        this.knownHosts = knownHosts;
        this.port = port;
        this.work = home.resolve("work-" + key.getFileName());
    }

    /** Generates an ed25519 key pair with ssh-keygen and returns the public key as "ssh-ed25519 AAAA...". */
    static String keygen(Path file) throws IOException, InterruptedException {
        CommandRun run = CommandRun.run(file.getParent(), Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-C", "test", "-f", file.toString());
        if (run.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + run);
        }
        String[] fields = Files.readString(Path.of(file + ".pub")).trim().split(" ");
        return fields[0] + " " + fields[1];
    }

    String remote(String repo) {
        return "ssh://git@127.0.0.1:" + port + "/" + repo;
    }

    void initWorkTree() throws IOException, InterruptedException {
        Files.createDirectories(work);
        check(git(work, "init", "-q", "-b", "master"));
        check(git(work, "config", "user.email", "dev@example.com"));
        check(git(work, "config", "user.name", "Dev"));
    }

    ObjectId commit(String file, String content) throws IOException, InterruptedException {
        Files.writeString(work.resolve(file), content);
        check(git(work, "add", file));
        check(git(work, "commit", "-q", "-m", "add " + file));
        return head();
    }

    ObjectId amend(String message) throws IOException, InterruptedException {
        check(git(work, "commit", "-q", "--amend", "-m", message));
        return head();
    }

    CommandRun push(String repo, String refspec) throws IOException, InterruptedException {
        return git(work, "push", remote(repo), refspec);
    }

    CommandRun git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return CommandRun.run(dir, gitEnvironment(), command.toArray(String[]::new));
    }

    /** A push left running, for tests that hang up in the middle; its stderr is the caller's to read. */
    Process startPush(String repo, String refspec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "push", remote(repo), refspec).directory(work.toFile());
        builder.environment().putAll(gitEnvironment());
        return builder.start();
    }

    private Map<String, String> gitEnvironment() {
        return Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1", "LC_ALL", "C",
                "GIT_SSH_COMMAND", String.join(" ", sshOptions()));
    }

    /** ssh straight to the server, as someone trying commands other than git's would. */
    CommandRun ssh(String... remoteCommand) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(sshOptions());
        command.addAll(List.of("-p", String.valueOf(port), "git@127.0.0.1"));
        command.addAll(List.of(remoteCommand));
        return CommandRun.run(home, Map.of("HOME", home.toString()), command.toArray(String[]::new));
    }

    private List<String> sshOptions() {
        return List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes");
    }

    private ObjectId head() throws IOException, InterruptedException {
        return ObjectId.fromString(check(git(work, "rev-parse", "HEAD")).stdout().trim());
    }

    private static CommandRun check(CommandRun run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("command failed: " + run);
        }
        return run;
    }
}
