package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Logs end to end: an app's output (and the router's access lines) goes from its container through the node-agent and the controller's
 * history to {@code paas logs}, live to {@code paas logs -f}, and both survive a deploy and a controller
 * restart (the follower reconnects by itself). Also {@code paas run}, whose one-off processes log their start and
 * exit into the same stream.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ_WRITE) // restarts a part of the shared cluster: no other class on it meanwhile
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LogsIT {

    static final String APP = "logs-" + UUID.randomUUID().toString().substring(0, 6);
    static final Duration SHIPPING = Duration.ofSeconds(30);

    Cluster cluster;
    User user;
    Path appDir;
    Map<String, String> git;
    Process follower;
    Path followed;

    @BeforeAll
    void deployAnAppThatLogs() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
        git = user.git;
        appDir = user.work.resolve(APP);
        Files.createDirectories(appDir);
        Files.writeString(appDir.resolve("Procfile"), "web: python3 app.py\n");
        Files.writeString(appDir.resolve("app.py"), """
                import http.server, os, sys
                print("started on port " + os.environ["PORT"], flush=True)
                class Logged(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        print("request " + self.path, flush=True)
                        print("warning about " + self.path, file=sys.stderr, flush=True)
                        self.send_response(200)
                        self.send_header("Content-Length", "3")
                        self.end_headers()
                        self.wfile.write(b"ok\\n")
                    def log_message(self, *args):
                        pass
                http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Logged).serve_forever()
                """);
        Shell.ok(appDir, git, "git", "init", "-q", "-b", "master");
        Shell.ok(appDir, git, "git", "add", "-A");
        Shell.ok(appDir, git, "git", "commit", "-q", "-m", "init");
        ok(user.paas(appDir, null, "create", APP));
        ok(Shell.run(appDir, git, "git", "push", "paas", "master"));
        followed = user.work.resolve("follow.out");
    }

    @AfterAll
    void stopPlatform() {
        if (follower != null) {
            follower.destroy();
        }
    }

    @Test
    @Order(1)
    void recentLinesHoldTheAppsOutputAndThePlatformsEvents() {
        Wait.until(SHIPPING, () -> logs().contains("app[web.1]: started on port"));

        String logs = logs();
        assertThat(logs).contains("platform[build]: Build of").contains("platform[api]: Release v1 created by admin")
                .containsPattern("platform\\[web.1\\]: web.1 \\(v1\\): state changed from \\w+ to up");
        assertThat(user.paas(appDir, null, "logs", "--source", "platform").out()).doesNotContain("app[");
        Shell.Result bad = user.paas(appDir, null, "logs", "--source", "nginx");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("use app, platform, router or addon").doesNotContain("Exception");
    }

    @Test
    @Order(2)
    void aFollowerSeesNewLinesLive() throws Exception {
        follower = user.paasInBackground(followed, "logs", "-f", "-n", "1", "-a", APP);
        // Connected once it printed the one recent line.
        Wait.until(SHIPPING, () -> read(followed).contains("["));

        assertThat(cluster.curl(APP, "/live-1").exit()).isZero();

        Wait.until(SHIPPING, () -> read(followed).contains("app[web.1]: request /live-1"));
        Wait.until(SHIPPING, () -> read(followed).contains("app[web.1]: warning about /live-1"));
        Wait.until(SHIPPING, () -> user.paas(appDir, null, "logs", "--source", "router").out()
                .contains("router[router]: method=GET path=\"/live-1\" host=" + APP + ".localhost status=200"));
    }

    @Test
    @Order(3)
    void historyAndTheFollowerSurviveAControllerRestart() throws Exception {
        cluster.restartController();
        assertThat(cluster.curl(APP, "/after-restart").out()).endsWith("200");

        Wait.until(SHIPPING, () -> read(followed).contains("app[web.1]: request /after-restart"));
        assertThat(read(followed)).contains("--- reconnected");
        assertThat(logs()).contains("app[web.1]: started on port").contains("request /live-1");
    }

    @Test
    @Order(4)
    void historySurvivesADeploy() throws IOException {
        Files.writeString(appDir.resolve("app.py"), Files.readString(appDir.resolve("app.py"))
                .replace("started on port", "v2 started on port"));
        Shell.ok(appDir, git, "git", "commit", "-q", "-am", "v2");
        ok(Shell.run(appDir, git, "git", "push", "paas", "master"));

        Wait.until(SHIPPING, () -> logs().contains("v2 started on port"));
        assertThat(logs()).contains("request /live-1").contains("Release v2 created by admin");
        assertThat(user.paas(appDir, null, "logs", "-n", "1").out().lines()).hasSize(1);
    }

    @Test
    @Order(5)
    void runStartsAOneOffProcessOfTheReleaseAndPassesItsExitCodeThrough() {
        Shell.Result run = user.paas(appDir, null, "run", "--", "python3", "-c",
                "import os, sys; print('one-off of ' + os.environ['PAAS_APP'] + ' ' + os.environ['PAAS_RELEASE']);"
                        + " print('to stderr', file=sys.stderr); sys.exit(3)");

        assertThat(run.exit()).as(run.all()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("one-off of " + APP + " v2\n");
        assertThat(run.err()).isEqualTo("to stderr\n");
        assertThat(logs()).containsPattern("platform\\[run.\\d+\\]: run.\\d+ exited with status 3");

        // Buildpack images start processes through a shell (it sources .profile.d), so a missing program is the
        // shell's "not found" and its exit code 127, passed through like any other.
        Shell.Result missing = user.paas(appDir, null, "run", "--", "no-such-program");
        assertThat(missing.exit()).isEqualTo(127);
        assertThat(missing.err()).contains("no-such-program").contains("not found").doesNotContain("Exception");
    }

    private String logs() {
        return ok(user.paas(appDir, null, "logs", "-n", "500")).out();
    }

    private static Shell.Result ok(Shell.Result result) {
        assertThat(result.exit()).as(result.all()).isZero();
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
