package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Config changes, failed releases and rollbacks on a real platform: each change is a release rolled out
 * before the command returns, a release that crashes leaves the previous one serving, and a rollback brings
 * back an earlier build and config. Custom domains are served (and stop being served) without a release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReleasesIT {

    Cluster cluster;
    User user;
    SampleApp app;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(1, Map.of("PAAS_ROLLOUT_TIMEOUT", "60s"));
        user = User.loggedIn(cluster);
        app = SampleApp.deployed(user, "rel");
        assertThat(app.curl()).isEqualTo("Hello from web.1\n200");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void configSetMakesARolledOutRelease() {
        Shell.Result set = app.paas("config:set", "GREETING=Hi = there", "DEBUG=1");
        assertThat(set.exit()).as(set.all()).isZero();
        assertThat(set.out()).contains("Setting GREETING, DEBUG and restarting " + app.name + "... v2, done in ");
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");
        assertThat(app.okPaas(null, "config:get", "GREETING").out()).isEqualTo("Hi = there\n");
        assertThat(app.okPaas(null, "config").out()).contains("DEBUG:").contains("GREETING: Hi = there");

        Shell.Result unset = app.paas("config:unset", "DEBUG");
        assertThat(unset.exit()).as(unset.all()).isZero();
        assertThat(unset.out()).contains("v3, done in ");
        assertThat(app.okPaas(null, "releases").out())
                .containsPattern("v3 +succeeded +Unset DEBUG +admin")
                .containsPattern("v2 +succeeded +Set DEBUG, GREETING +admin")
                .containsPattern("v1 +succeeded +Deploy [0-9a-f]{7}");
    }

    @Test
    @Order(2)
    void badConfigChangesAreRefusedAndChangeNothing() {
        Shell.Result unknown = app.paas("config:unset", "NOPE");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Cannot unset NOPE: no such config var");
        Shell.Result badKey = app.paas("config:set", "1BAD=x");
        assertThat(badKey.exit()).isEqualTo(1);
        assertThat(badKey.err()).contains("'1BAD' is invalid");
        Shell.Result usage = app.paas("config:set", "NOEQUALS");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("'NOEQUALS' is not KEY=VALUE");
        assertThat(app.okPaas(null, "releases").out()).doesNotContain("v4");
    }

    @Test
    @Order(3)
    void aReleaseThatCrashesFailsAndThePreviousKeepsServing() {
        Shell.Result crash = app.paas("config:set", "CRASH=1");
        assertThat(crash.exit()).as(crash.all()).isEqualTo(1);
        assertThat(crash.err()).containsPattern("(?m)^v4 failed: web.1 exited before it became healthy")
                .contains("the previous release keeps serving");
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");
        assertThat(app.okPaas(null, "releases").out()).containsPattern("v4 +failed +Set CRASH");
        assertThat(app.okPaas(null, "config").out()).doesNotContain("CRASH");
        Wait.until(java.time.Duration.ofSeconds(20), () -> Shell.run(user.work, Map.of(), "docker", "ps",
                "-aq", "--filter", "label=paas.name=" + app.name + ".v4.web.1").out().isBlank());
        // The crashed process's last words outlive its container: they say why v4 failed.
        Wait.until(java.time.Duration.ofSeconds(30), () -> app.okPaas(null, "logs", "-n", "500").out()
                .contains("app[web.1]: CRASH is set: exiting"));
    }

    @Test
    @Order(4)
    void rollbackReusesAnEarlierBuildAndConfig() {
        Shell.Result back = app.paas("rollback", "v1");
        assertThat(back.exit()).as(back.all()).isZero();
        assertThat(back.out()).contains("Rolling back " + app.name + " to v1... v5, done in ");
        assertThat(app.curl()).isEqualTo("Hello from web.1\n200");

        Shell.Result previous = app.paas("rollback");
        assertThat(previous.exit()).as(previous.all()).isZero();
        assertThat(previous.out()).contains("v6, done in ");
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");

        Shell.Result info = app.okPaas(null, "releases:info", "v6");
        assertThat(info.out()).contains("Rollback to v3").contains("succeeded").contains("GREETING: Hi = there");
        // the changes are in the app's log too, tagged as the platform's
        Wait.until(java.time.Duration.ofSeconds(10), () -> app.okPaas(null, "logs", "-s", "platform", "-n", "200").out()
                .contains("Release v6 created by admin: Rollback to v3"));
        assertThat(app.okPaas(null, "logs", "-s", "platform", "-n", "200").out())
                .contains("v4 failed: web.1 exited before it became healthy").contains("Deployed v5 in ")
                .doesNotContain("failed: v4 failed");
        Shell.Result missing = app.paas("releases:info", "v99");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Release v99 of " + app.name + " not found");
    }

    @Test
    @Order(5)
    void aReleaseFailingItsHttpHealthCheckNeverTakesTraffic() throws InterruptedException {
        Shell.Result set = app.paas("healthchecks:set", "web", "--path", "/health", "--timeout", "1", "--attempts", "3");
        assertThat(set.exit()).as(set.all()).isZero();
        assertThat(app.okPaas(null, "healthchecks").out()).containsPattern("web +/health +1s +3");

        // The sick release greets differently, and the app is watched through the router during its whole rollout:
        // one answer from it would show a release that failed its health check taking traffic.
        ScalingIT.Traffic traffic = ScalingIT.Traffic.start(app);
        Shell.Result sick = app.paas("config:set", "SICK=1", "GREETING=Sick");
        traffic.stop();
        assertThat(sick.exit()).as(sick.all()).isEqualTo(1);
        assertThat(sick.err()).contains("web.1 failed every attempt of its health check");
        assertThat(traffic.sent()).isPositive();
        assertThat(traffic.answers()).as("answers during the sick rollout").containsExactly("Hi = there from web.1\n200");
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");

        Shell.Result healthy = app.paas("config:set", "MOOD=fine");
        assertThat(healthy.exit()).as(healthy.all()).isZero();
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");
    }

    @Test
    @Order(6)
    void aCustomDomainServesTheAppAtOnceWithoutANewRelease() throws InterruptedException {
        String releases = app.okPaas(null, "releases").out();
        String host = "www." + app.name + ".example.com";
        assertThat(cluster.curlHost(host, "/").out()).startsWith("No app is routed here").endsWith("404");

        // Requests to the default domain go on all the while: a domain change reloads nginx, it never drops one.
        AtomicBoolean changing = new AtomicBoolean(true);
        List<String> failed = new CopyOnWriteArrayList<>();
        Thread traffic = new Thread(() -> {
            for (int i = 0; i < 2000 && changing.get(); i++) {
                String answer = app.curl();
                if (!answer.endsWith("200")) {
                    failed.add(answer);
                }
            }
        });
        traffic.start();

        Shell.Result add = app.paas("domains:add", host.toUpperCase());
        assertThat(add.exit()).as(add.all()).isZero();
        assertThat(add.out()).containsPattern("Adding .* to " + app.name + "\\.\\.\\. done in \\d+\\.\\ds");
        assertThat(cluster.curlHost(host, "/").out()).isEqualTo("Hi = there from web.1\n200");
        assertThat(app.okPaas(null, "domains").out()).containsPattern(app.name + "\\.localhost +default")
                .containsPattern(Pattern.quote(host) + " +custom");

        Shell.Result invalid = app.paas("domains:add", "bad_name.example.com");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("'bad_name.example.com' is invalid").doesNotContain("Exception");
        Shell.Result fixed = app.paas("domains:remove", app.name + ".localhost");
        assertThat(fixed.exit()).isEqualTo(1);
        assertThat(fixed.err()).contains("default domain of " + app.name);

        Shell.Result remove = app.paas("domains:remove", host);
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(cluster.curlHost(host, "/").out()).startsWith("No app is routed here").endsWith("404");
        changing.set(false);
        traffic.join(30_000);
        assertThat(failed).as("requests to the default domain while domains changed").isEmpty();
        assertThat(app.curl()).isEqualTo("Hi = there from web.1\n200");
        Shell.Result unknown = app.paas("domains:remove", host);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("is not a domain of " + app.name);
        assertThat(app.okPaas(null, "releases").out()).as("domains change no release").isEqualTo(releases);
    }
}
