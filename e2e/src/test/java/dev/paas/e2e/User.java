package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A person at a terminal, using a {@link Cluster}: their own working directory and home (cli config, SSH key),
 * the real cli jar and the real git client over SSH. Made with {@link #of} (nobody logged in yet) or
 * {@link #loggedIn} (signed in, SSH key registered, ready to push).
 */
final class User {

    final Cluster cluster;
    final Path work;
    final Path home;
    /** git's environment once {@link #login} registered this user's key; null before. */
    Map<String, String> git;

    private User(Cluster cluster) throws IOException {
        this.cluster = cluster;
        work = Files.createTempDirectory("paas-e2e");
        home = Files.createDirectories(work.resolve("home/.ssh")).getParent();
    }

    /** A new user of {@code cluster} with an empty home: not logged in. */
    static User of(Cluster cluster) throws IOException {
        return new User(cluster);
    }

    /** The admin, logged in with a new SSH key registered. */
    static User loggedIn(Cluster cluster) throws IOException {
        return of(cluster).login("admin", Cluster.ADMIN_PASSWORD);
    }

    /** {@code username}, whom an admin created, logged in with a new SSH key of their own. */
    static User loggedIn(Cluster cluster, String username, String password) throws IOException {
        return of(cluster).login(username, password);
    }

    /** Signs in with the cli and registers a new SSH key; returns this user. */
    User login(String username, String password) {
        return login(username, password, cluster.api());
    }

    /** Signs in at the controller {@code api} (one of several) and registers a new SSH key; returns this user. */
    User login(String username, String password, String api) {
        Path key = home.resolve(".ssh/id_ed25519");
        Shell.ok(work, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f", key.toString());
        Shell.Result login = paas(work, password + "\n", "login", api, "--username", username, "--password-stdin");
        assertThat(login.exit()).as(login.all()).isZero();
        Shell.Result keys = paas(work, null, "keys:add", key + ".pub");
        assertThat(keys.exit()).as(keys.all()).isZero();
        git = gitEnv(key);
        return this;
    }

    /** Runs the real cli jar as the user would, with this user's home directory. */
    Shell.Result paas(Path dir, String stdin, String... args) {
        return Shell.run(dir, cliEnv(), stdin, cli(args));
    }

    /** The cli in the background (paas logs -f -a APP), stdout and stderr appended to {@code output}; the caller stops it. */
    Process paasInBackground(Path output, String... args) throws IOException {
        return Shell.spawn(cli(args), cliEnv(), output);
    }

    /** The cli with its standard output written to {@code stdout} (a download); answers its exit code. */
    int paasToFile(Path dir, Path stdout, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(cli(args)).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(cliEnv());
        Process process = builder.start();
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private List<String> cli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Duser.home=" + home, "-jar", Cluster.jar("cli")));
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, String> cliEnv() {
        return Map.of("HOME", home.toString(), "PAAS_CONFIG", home.resolve(".paas/config.json").toString());
    }

    /** git over the real OpenSSH client, trusting only the host keys the cli wrote to known_hosts. */
    Map<String, String> gitEnv(Path key) {
        return Map.of("HOME", home.toString(),
                "GIT_SSH_COMMAND", "ssh -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes"
                        + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + home.resolve(".ssh/known_hosts"),
                "GIT_AUTHOR_NAME", "E2E", "GIT_AUTHOR_EMAIL", "e2e@example.com",
                "GIT_COMMITTER_NAME", "E2E", "GIT_COMMITTER_EMAIL", "e2e@example.com");
    }

    /** A git checkout of examples/EXAMPLE, committed, with the app created and its "paas" remote added. */
    Path checkout(String example, String app) {
        Path dir = work.resolve(app);
        copyTree(Cluster.ROOT.resolve("examples").resolve(example), dir);
        Shell.ok(dir, git, "git", "init", "-q", "-b", "master");
        commitAll(dir, "init");
        Shell.Result created = paas(dir, null, "create", app);
        assertThat(created.exit()).as(created.all()).isZero();
        return dir;
    }

    void commitAll(Path dir, String message) {
        Shell.ok(dir, git, "git", "add", "-A");
        Shell.ok(dir, git, "git", "commit", "-q", "--allow-empty", "-m", message);
    }

    Shell.Result push(Path dir) {
        return Shell.run(dir, git, "git", "push", "paas", "master");
    }

    /** Replaces {@code from} with {@code to} in a file of a checkout. */
    static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
