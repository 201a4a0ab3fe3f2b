package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * app.json as Heroku's and Dokku's users write it, pushed by the real git and cli to a whole platform: few pushes,
 * each checking several fields (see examples/appjson-web and examples/appjson-worker).
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AppJsonIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    /**
     * A first push missing a required variable fails naming it; then env, formation, health check with content,
     * predeploy, both postdeploys and cron in one deploy; a scale by hand kept by the next push; a failing predeploy
     * and a failing content check each keep the release that serves.
     */
    @Test
    void herokuAndDokkuFieldsDeployAndGuardTheRelease() throws Exception {
        String app = "appjson-" + run;
        Path dir = user.checkout("appjson-web", app);

        Shell.Result missing = user.push(dir);
        assertThat(missing.exit()).as(missing.all()).isNotZero();
        assertThat(missing.err()).contains("app.json requires API_TOKEN (the partner API's token) on the first deploy");
        assertThat(missing.err()).doesNotContain("Building");

        ok(user.paas(dir, null, "config:set", "API_TOKEN=t0k3n", "-a", app));
        Shell.Result first = user.push(dir);
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.err()).contains("remote: -----> app.json env: set GREETING, SECRET_KEY",
                "remote: -----> app.json formation: web=2, worker=1",
                "remote: -----> app.json formation size: web=512M",
                "remote: -----> app.json healthcheck of web: GET /health expecting \"ok\"")
                .containsSubsequence("remote: -----> Running the predeploy command", "remote: -----> Deployed v",
                        "remote:        first deploy only", "remote:        postdeploy ran with hi");
        String version = first.err().replaceAll("(?s).*remote: -----> Deployed (v\\d+).*", "$1");
        assertThat(cluster.curl(app).out())
                .isEqualTo("Hello from app.json: hi, predeployed for " + version + ", secret of 64 characters\n200");
        assertThat(ok(user.paas(dir, null, "config", "-a", app)).out()).contains("API_TOKEN", "SECRET_KEY", "GREETING");
        Wait.until(Duration.ofSeconds(30), () -> user.paas(dir, null, "ps", "-a", app).out().contains("worker.1"));
        assertThat(ok(user.paas(dir, null, "ps", "-a", app)).out()).contains("web.1", "web.2", "worker.1");
        assertThat(ok(user.paas(dir, null, "healthchecks", "-a", app)).out()).containsPattern("web +/health .* ok");
        // Heroku's standard-1X is 512 MB: the type's limit, as limits:set gives it, and what Docker runs web with.
        assertThat(ok(user.paas(dir, null, "limits", "-a", app)).out()).containsPattern("web\\s+512 MB\\s+shared\\s+app");
        Wait.until(Duration.ofSeconds(30), () -> webMemory(app).equals(List.of("536870912", "536870912")));

        Shell.Result cron = ok(user.paas(dir, null, "cron", "-a", app));
        assertThat(cron.out()).containsPattern("tick +0 0 1 1 \\*").containsPattern("echo-every-five-minutes-[0-9a-f]{6}");
        Shell.Result ran = ok(user.paas(dir, null, "cron:run", "tick", "-a", app));
        assertThat(ran.out()).contains("cron[tick] of " + version + " exited with status 0");
        assertThat(ok(user.paas(dir, null, "logs", "-a", app, "-n", "200")).out())
                .contains("app[cron[tick]]: tick from cron with hi", "app[postdeploy]: first deploy only");
        assertThat(ok(user.paas(dir, null, "cron", "-a", app)).out()).containsPattern("tick .* 0 ");
        Shell.Result unknown = user.paas(dir, null, "cron:run", "nope", "-a", app);
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no cron entry named 'nope'");

        // By hand, then a push with the same app.json: the hand's count and size stay; the first deploy's script is not
        // run again.
        ok(user.paas(dir, null, "scale", "web=1", "-a", app));
        ok(user.paas(dir, null, "limits:set", "web=256M", "-a", app));
        User.edit(dir.resolve("app.py"), "Hello from app.json", "Hello again from app.json");
        user.commitAll(dir, "second");
        Shell.Result second = user.push(dir);
        assertThat(second.exit()).as(second.all()).isZero();
        assertThat(second.err()).doesNotContain("app.json formation", "first deploy only", "app.json env")
                .contains("remote:        postdeploy ran with hi");
        String serving = cluster.curl(app).out();
        assertThat(serving).startsWith("Hello again from app.json: hi, predeployed for v");
        Shell.Result ps = ok(user.paas(dir, null, "ps", "-a", app));
        assertThat(ps.out()).contains("web.1", "worker.1").doesNotContain("web.2");
        Wait.until(Duration.ofSeconds(30), () -> webMemory(app).equals(List.of("268435456")));

        // A size no node holds fails the push after its build, and v(current) keeps serving with its limits.
        User.edit(dir.resolve("app.json"), "\"standard-1X\"", "\"performance-2xl\"");
        user.commitAll(dir, "too big");
        Shell.Result tooBig = user.push(dir);
        assertThat(tooBig.exit()).isNotZero();
        assertThat(tooBig.err()).contains("app.json formation size: Memory 129024 MB for web is more than any runtime"
                + " node of formation default holds: the most one offers is");
        assertThat(cluster.curl(app).out()).isEqualTo(serving);
        assertThat(ok(user.paas(dir, null, "limits", "-a", app)).out()).containsPattern("web\\s+256 MB\\s+shared\\s+app");
        User.edit(dir.resolve("app.json"), "\"performance-2xl\"", "\"standard-1X\"");

        User.edit(dir.resolve("app.json"), "> /app/predeploy.txt", "> /app/predeploy.txt; echo predeploy broke; exit 4");
        user.commitAll(dir, "failing predeploy");
        Shell.Result broken = user.push(dir);
        assertThat(broken.exit()).isNotZero();
        assertThat(broken.err()).contains("remote:        predeploy broke", "predeploy command failed (exit 4)");
        assertThat(cluster.curl(app).out()).isEqualTo(serving);

        User.edit(dir.resolve("app.json"), "; echo predeploy broke; exit 4", "");
        User.edit(dir.resolve("app.json"), "\"content\": \"ok\",\n             \"attempts\": 20",
                "\"content\": \"never there\",\n             \"attempts\": 3");
        user.commitAll(dir, "a check that never passes");
        Shell.Result unhealthy = user.push(dir);
        assertThat(unhealthy.exit()).isNotZero();
        assertThat(unhealthy.err()).contains("expecting \"never there\"", "the previous release keeps serving");
        assertThat(cluster.curl(app).out()).isEqualTo(serving);
    }

    /** A malformed app.json is refused naming its line, with nothing built; a worker-only app then runs its worker. */
    @Test
    void workerOnlyAppRunsItsWorkersWithoutARoute() throws Exception {
        String app = "appjson-worker-" + run;
        Path dir = user.checkout("appjson-worker", app);
        String good = Files.readString(dir.resolve("app.json"));
        Files.writeString(dir.resolve("app.json"), "{\n  // broken\n  \"formation\": {\"worker\": {\"quantity\": 1}},,\n}\n");
        user.commitAll(dir, "malformed");
        Shell.Result malformed = user.push(dir);
        assertThat(malformed.exit()).isNotZero();
        assertThat(malformed.err()).contains("app.json is not valid JSON at line 3").doesNotContain("Building");

        Files.writeString(dir.resolve("app.json"), good);
        user.commitAll(dir, "fixed");
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("remote: -----> app.json formation: worker=1", "(no web process, so no route)");
        Wait.until(Duration.ofSeconds(30), () -> user.paas(dir, null, "logs", "-a", app, "-n", "50").out()
                .contains("worker tick"));
        assertThat(ok(user.paas(dir, null, "ps", "-a", app)).out()).containsPattern("worker\\.1 +up");
        assertThat(cluster.curl(app).out()).doesNotEndWith("200");
    }

    /** The memory limit (bytes) of each running web container of the app, by docker inspect. */
    private List<String> webMemory(String app) {
        String ids = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.app=" + app, "--filter",
                "label=paas.process=web").out().strip();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("docker", "inspect", "-f", "{{.HostConfig.Memory}}"));
        command.addAll(List.of(ids.split("\\s+")));
        return cluster.ok(command.toArray(String[]::new)).out().strip().lines().toList();
    }

    private static Shell.Result ok(Shell.Result result) {
        assertThat(result.exit()).as(result.all()).isZero();
        return result;
    }
}
