package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A user of a test platform: logged in with the cli, an SSH key registered, and a checkout per app made from
 * one of the project's sample apps (examples/NAME), pushed with the real git client.
 */
final class Pusher {

    final Platform platform;
    final Map<String, String> git;

    private Pusher(Platform platform, Map<String, String> git) {
        this.platform = platform;
        this.git = git;
    }

    static Pusher loggedIn(Platform platform) {
        return loggedIn(platform, "admin", Platform.ADMIN_PASSWORD);
    }

    /** Logged in as {@code username}, whom an admin created, with a new SSH key of their own. */
    static Pusher loggedIn(Platform platform, String username, String password) {
        Path key = platform.home.resolve(".ssh/id_ed25519");
        Shell.ok(platform.work, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f", key.toString());
        Shell.Result login = platform.paas(platform.work, password + "\n",
                "login", platform.api(), "--username", username, "--password-stdin");
        assertThat(login.exit()).as(login.all()).isZero();
        Shell.Result keys = platform.paas(platform.work, null, "keys:add", key + ".pub");
        assertThat(keys.exit()).as(keys.all()).isZero();
        return new Pusher(platform, platform.gitEnv(key));
    }

    /** A git checkout of examples/EXAMPLE, committed, with the app created and its "paas" remote added. */
    Path checkout(String example, String app) {
        Path dir = platform.work.resolve(app);
        copyTree(Platform.ROOT.resolve("examples").resolve(example), dir);
        Shell.ok(dir, git, "git", "init", "-q", "-b", "master");
        commitAll(dir, "init");
        Shell.Result created = platform.paas(dir, null, "create", app);
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

    /** Replaces {@code from} with {@code to} in a file of the checkout. */
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
