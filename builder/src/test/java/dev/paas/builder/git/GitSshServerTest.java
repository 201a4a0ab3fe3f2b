package dev.paas.builder.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real git and OpenSSH clients against the server, with alice owning the app "hello". */
class GitSshServerTest {

    @TempDir
    Path tmp;

    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private volatile PushHandler behaviour = (push, out) -> PushResult.accept();
    private GitSshServer server;
    private GitClient alice;
    private GitClient mallory;

    @BeforeEach
    void start() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        String aliceKey = GitClient.keygen(keys.resolve("alice"));
        GitClient.keygen(keys.resolve("mallory"));
        GitAccess access = new OneAppAccess(aliceKey, tmp.resolve("repos/hello.git"));
        server = new GitSshServer(tmp.resolve("data/ssh_host_key"), access, (push, out) -> {
            pushes.add(push);
            return behaviour.handle(push, out);
        });
        server.start(0);
        Path knownHosts = tmp.resolve("known_hosts");
        Files.write(knownHosts, server.hostKeys().stream()
                .map(key -> "[127.0.0.1]:" + server.port() + " " + key).toList());
        alice = new GitClient(tmp, keys.resolve("alice"), knownHosts, server.port());
        mallory = new GitClient(tmp, keys.resolve("mallory"), knownHosts, server.port());
        alice.initWorkTree();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop();
    }

    @Test
    void anAcceptedPushLandsInTheBareRepositoryAndShowsTheHandlersLines() throws Exception {
        behaviour = (push, out) -> {
            out.accept("building " + push.app());
            out.accept("step one\nstep two");
            return PushResult.accept();
        };
        ObjectId head = alice.commit("Procfile", "web: python3 app.py");

        CommandRun run = alice.push("hello.git", "master");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("remote: building hello", "remote: step one", "remote: step two");
        assertThat(bareRef("refs/heads/master")).isEqualTo(head);
        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.user()).isEqualTo("alice");
            assertThat(push.ref()).isEqualTo("refs/heads/master");
            assertThat(push.oldId()).isEqualTo(ObjectId.zeroId());
            assertThat(push.newId()).isEqualTo(head);
        });
    }

    @Test
    void linesReachThePusherWhileTheHandlerIsStillRunning() throws Exception {
        behaviour = (push, out) -> {
            out.accept("first");
            sleep(Duration.ofSeconds(2));
            out.accept("second");
            return PushResult.accept();
        };
        alice.commit("Procfile", "web: python3 app.py");

        CommandRun run = alice.push("hello.git", "master");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        long gap = run.arrivalOf("remote: second") - run.arrivalOf("remote: first");
        assertThat(Duration.ofNanos(gap)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void aRejectedPushShowsTheReasonAndLeavesTheRefAlone() throws Exception {
        ObjectId first = alice.commit("Procfile", "web: python3 app.py");
        assertThat(alice.push("hello.git", "master").exitCode()).isZero();
        behaviour = (push, out) -> PushResult.reject("no Procfile found");
        alice.commit("app.py", "print('hi')");

        CommandRun run = alice.push("hello.git", "master");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("[remote rejected] master -> master (no Procfile found)");
        assertThat(bareRef("refs/heads/master")).isEqualTo(first);
    }

    @Test
    @Timeout(60)
    void aPusherWhoHangsUpInterruptsTheHandler() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        behaviour = (push, out) -> {
            out.accept("building");
            try {
                Thread.sleep(30_000);
                return PushResult.accept();
            } catch (InterruptedException e) {
                interrupted.countDown();
                return PushResult.reject("cancelled");
            }
        };
        alice.commit("Procfile", "web: python3 app.py");
        Process push = alice.startPush("hello.git", "master");
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(push.getErrorStream(), UTF_8))) {
            while (!Objects.requireNonNull(stderr.readLine(), "git ended early").contains("remote: building")) {
                // skip git's progress lines
            }
            push.descendants().forEach(ProcessHandle::destroy); // ssh, the one holding the connection
            push.destroy();
        }

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bareRef("refs/heads/master")).isNull();
    }

    @Test
    void aPushOverTheSizeLimitIsRefusedBeforeTheHandlerSeesIt() throws Exception {
        server.stop();
        server = new GitSshServer(tmp.resolve("data/ssh_host_key"), new OneAppAccess(
                String.join(" ", List.of(Files.readString(tmp.resolve("keys/alice.pub")).split(" ")).subList(0, 2)),
                tmp.resolve("repos/hello.git")),
                (push, out) -> {
                    pushes.add(push);
                    return PushResult.accept();
                }, 64 * 1024);
        server.start(0);
        Path knownHosts = tmp.resolve("known_hosts");
        Files.write(knownHosts, server.hostKeys().stream()
                .map(key -> "[127.0.0.1]:" + server.port() + " " + key).toList());
        GitClient small = new GitClient(tmp, tmp.resolve("keys/alice"), knownHosts, server.port());
        byte[] noise = new byte[512 * 1024];
        new java.util.Random(11).nextBytes(noise);
        small.commit("big.bin", java.util.Base64.getEncoder().encodeToString(noise));

        CommandRun run = small.push("hello.git", "master");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("Push refused: it is larger than 64 KB, the most this server takes in one"
                + " push (paas.build.push-max).");
        assertThat(pushes).isEmpty();
        assertThat(bareRef("refs/heads/master")).isNull();
    }

    @Test
    void aForcePushReachesTheHandlerAndMovesTheRef() throws Exception {
        ObjectId first = alice.commit("Procfile", "web: python3 app.py");
        alice.push("hello.git", "master");
        ObjectId rewritten = alice.amend("rewritten");

        CommandRun run = alice.push("hello.git", "+master");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(bareRef("refs/heads/master")).isEqualTo(rewritten);
        assertThat(pushes.get(1).oldId()).isEqualTo(first);
    }

    @Test
    void aDeleteReachesTheHandlerWhichMayRefuseIt() throws Exception {
        ObjectId head = alice.commit("Procfile", "web: python3 app.py");
        alice.push("hello.git", "master");
        behaviour = (push, out) -> push.newId().equals(ObjectId.zeroId())
                ? PushResult.reject("deleting branches is not supported") : PushResult.accept();

        CommandRun run = alice.push("hello.git", ":master");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("deleting branches is not supported");
        assertThat(bareRef("refs/heads/master")).isEqualTo(head);
    }

    @Test
    void theOwnerCanCloneTheAppRepository() throws Exception {
        ObjectId head = alice.commit("Procfile", "web: python3 app.py");
        alice.push("hello.git", "master");

        CommandRun run = alice.git(tmp, "clone", alice.remote("hello.git"), "copy");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("copy/Procfile"))).isEqualTo("web: python3 app.py");
        assertThat(alice.git(tmp.resolve("copy"), "rev-parse", "HEAD").stdout().trim()).isEqualTo(head.name());
    }

    @Test
    void anUnregisteredKeyIsRefused() throws Exception {
        mallory.initWorkTree();
        mallory.commit("Procfile", "web: python3 app.py");

        CommandRun run = mallory.push("hello.git", "master");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("Permission denied");
        assertThat(pushes).isEmpty();
    }

    @Test
    void anUnknownRepositoryGetsTheAccessDeniedMessage() throws Exception {
        alice.commit("Procfile", "web: python3 app.py");

        CommandRun run = alice.push("nope.git", "master");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("App 'nope' does not exist or is not yours.");
        assertThat(pushes).isEmpty();
    }

    @Test
    void aPathThatIsNoAppNameIsRefusedBeforeAccessIsAsked() throws Exception {
        alice.commit("Procfile", "web: python3 app.py");

        CommandRun run = alice.push("../etc/Hello_.git", "master");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("This server only accepts git push", "is not an app repository");
    }

    @Test
    void otherCommandsAndShellsAreRefused() throws Exception {
        CommandRun command = alice.ssh("ls", "-la");
        CommandRun shell = alice.ssh();

        assertThat(command.exitCode()).isEqualTo(1);
        assertThat(command.stderr()).contains("This server only accepts git push: \"ls -la\"");
        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(shell.stderr()).contains("Hi alice!", "there is no shell");
    }

    @Test
    void theHostKeyIsEd25519AndSurvivesARestart() throws Exception {
        List<String> keys = server.hostKeys();
        server.stop();

        GitSshServer again = new GitSshServer(tmp.resolve("data/ssh_host_key"), new OneAppAccess("none", tmp),
                behaviour);

        assertThat(keys).singleElement().asString().startsWith("ssh-ed25519 ");
        assertThat(again.hostKeys()).isEqualTo(keys);
    }

    @Test
    void listensOnlyOnTheAddressItIsGiven() throws Exception {
        GitSshServer local = new GitSshServer(tmp.resolve("data/local_host_key"), new OneAppAccess("none", tmp),
                behaviour);
        local.start("127.0.0.1", 0);
        try {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", local.port()), 2000);
            }
            List<InetAddress> others = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).toList();
            for (InetAddress other : others) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other, local.port()), 2000))
                            .as("the git server on " + other).isInstanceOf(IOException.class);
                }
            }
        } finally {
            local.stop();
        }
    }

    private ObjectId bareRef(String ref) throws IOException {
        try (Repository bare = new FileRepositoryBuilder().setGitDir(tmp.resolve("repos/hello.git").toFile())
                .setMustExist(true).build()) {
            return bare.resolve(ref);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
