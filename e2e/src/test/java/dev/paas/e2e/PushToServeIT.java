package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The walking skeleton's flow, with real parts only: the cli jar, the real git client over real SSH to the
 * controller process, a real build on Docker, the node-agent process running the container, the router
 * process and its nginx serving it, PostgreSQL holding the state. The steps share one platform and one app
 * and run in order, as a user would type them.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PushToServeIT {

    static final String APP = "e2e-" + UUID.randomUUID().toString().substring(0, 6);

    Cluster cluster;
    User user;
    Path appDir;
    Path key;
    Map<String, String> git;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.of(cluster);
        key = user.home.resolve(".ssh/id_ed25519");
        Shell.ok(user.work, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f", key.toString());
        git = user.gitEnv(key);
        appDir = user.work.resolve("hello");
        Files.createDirectories(appDir);
        Files.writeString(appDir.resolve("Procfile"), "web: python3 app.py\n");
        Files.writeString(appDir.resolve("requirements.txt"), "");
        writeApp("Hello from v1");
        Shell.ok(appDir, git, "git", "init", "-q", "-b", "master");
        Shell.ok(appDir, git, "git", "add", "-A");
        Shell.ok(appDir, git, "git", "commit", "-q", "-m", "init");
    }

    @Test
    @Order(1)
    void logsInAndRegistersTheSshKey() {
        Shell.Result notLoggedIn = user.paas(appDir, null, "apps");
        assertThat(notLoggedIn.exit()).isEqualTo(1);
        assertThat(notLoggedIn.err()).contains("paas login");

        Shell.Result login = user.paas(appDir, Cluster.ADMIN_PASSWORD + "\n",
                "login", cluster.api(), "--username", "admin", "--password-stdin");
        assertThat(login.exit()).as(login.all()).isZero();
        Shell.Result keys = user.paas(appDir, null, "keys:add", key + ".pub");
        assertThat(keys.exit()).as(keys.all()).isZero();
        assertThat(keys.all()).contains("SHA256:");
    }

    @Test
    @Order(2)
    void refusesBadAppNamesAndCreatesTheAppWithItsRemote() {
        Shell.Result bad = user.paas(appDir, null, "create", "Hello_World");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("'Hello_World' is invalid").doesNotContain("Exception");

        Shell.Result created = user.paas(appDir, null, "create", APP);
        assertThat(created.exit()).as(created.all()).isZero();
        assertThat(Shell.ok(appDir, git, "git", "remote", "get-url", "paas").out().strip())
                .isEqualTo("ssh://git@127.0.0.1:" + cluster.sshPort + "/" + APP + ".git");

        Shell.Result duplicate = user.paas(appDir, null, "create", APP);
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already taken");
        assertThat(user.paas(appDir, null, "apps").out()).contains(APP);
    }

    @Test
    @Order(3)
    void firstPushBuildsReleasesAndServesThroughNginx() {
        Shell.Result push = Shell.run(appDir, git, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Python app detected").contains("remote: -----> Deployed v1");

        assertThat(cluster.curl(APP).out()).isEqualTo("Hello from v1\n200");
        Shell.Result info = user.paas(appDir, null, "info");
        assertThat(info.out()).contains(APP).contains("v1").contains("web.1");
    }

    @Test
    @Order(4)
    void secondPushReplacesTheRelease() {
        writeApp("Hello from v2");
        Shell.ok(appDir, git, "git", "commit", "-q", "-am", "v2");
        Shell.Result push = Shell.run(appDir, git, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> Deployed v2");

        assertThat(cluster.curl(APP).out()).isEqualTo("Hello from v2\n200");
        Wait.until(Duration.ofSeconds(20), () -> containers("label=paas.name=" + APP + ".v1.web.1").isEmpty());
        assertThat(containers("label=paas.name=" + APP + ".v2.web.1")).isNotEmpty();
    }

    @Test
    @Order(5)
    void failedBuildIsRejectedAndTheRunningReleaseKeepsServing() throws Exception {
        String deployed = Shell.ok(appDir, git, "git", "rev-parse", "HEAD").out().strip();
        Shell.ok(appDir, git, "git", "rm", "-q", "Procfile", "requirements.txt", "app.py");
        Files.writeString(appDir.resolve("README.txt"), "nothing to run here\n");
        Shell.ok(appDir, git, "git", "add", "-A");
        Shell.ok(appDir, git, "git", "commit", "-q", "-m", "break it");

        Shell.Result push = Shell.run(appDir, git, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("build failed");
        assertThat(Shell.ok(appDir, git, "git", "ls-remote", "paas", "refs/heads/master").out()).startsWith(deployed);
        assertThat(cluster.curl(APP).out()).isEqualTo("Hello from v2\n200");

        Shell.ok(appDir, git, "git", "reset", "-q", "--hard", deployed);
    }

    @Test
    @Order(6)
    void anUnregisteredKeyIsRefused() {
        Path stranger = user.work.resolve("stranger_key");
        Shell.ok(user.work, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        Shell.Result push = Shell.run(appDir, user.gitEnv(stranger), "git", "push", "paas", "master");
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("Permission denied (publickey)");
        assertThat(cluster.curl(APP).out()).isEqualTo("Hello from v2\n200");
    }

    @Test
    @Order(7)
    void destroyRemovesContainersRouteRepositoryAndApp() {
        Shell.Result refused = user.paas(appDir, null, "destroy", "-a", APP);
        assertThat(refused.exit()).isNotZero();
        assertThat(cluster.curl(APP).out()).isEqualTo("Hello from v2\n200");

        Shell.Result destroyed = user.paas(appDir, null, "destroy", "-a", APP, "--confirm", APP);
        assertThat(destroyed.exit()).as(destroyed.all()).isZero();
        assertThat(cluster.curl(APP).out()).endsWith("404");
        Wait.until(Duration.ofSeconds(20), () -> containers("label=paas.app=" + APP).isEmpty());
        assertThat(cluster.dataDir.resolve("repos/" + APP + ".git")).doesNotExist();
        Shell.Result info = user.paas(appDir, null, "info", "-a", APP);
        assertThat(info.exit()).isEqualTo(1);
        assertThat(info.err()).contains("not found");
    }

    private void writeApp(String text) {
        try {
            Files.writeString(appDir.resolve("app.py"), """
                    import http.server, os

                    class Hello(http.server.BaseHTTPRequestHandler):
                        def do_GET(self):
                            body = b"%s\\n"
                            self.send_response(200)
                            self.send_header("Content-Length", str(len(body)))
                            self.end_headers()
                            self.wfile.write(body)

                    http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Hello).serve_forever()
                    """.formatted(text));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String containers(String filter) {
        return Shell.run(user.work, Map.of(), "docker", "ps", "-aq", "--filter", filter).out().strip();
    }
}
