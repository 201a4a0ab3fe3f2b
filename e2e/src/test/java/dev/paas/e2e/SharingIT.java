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

/**
 * Users and sharing (docs/security.md) with the real cli, git and OpenSSH: the admin creates alice and bob; bob is
 * refused on alice's app through the API and git push; alice adds him; he pushes over git+ssh and scales, but
 * neither destroys the app nor changes who has access; alice removes him and his next push is refused again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SharingIT {

    static final String ALICE_PASSWORD = "alice-" + UUID.randomUUID();
    static final String BOB_PASSWORD = "bob-" + UUID.randomUUID();

    Cluster cluster;
    User user;
    User alice;
    SampleApp app;
    User bob;
    Path bobsCheckout;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(1, Map.of());
        user = User.loggedIn(cluster);
        alice = User.of(cluster);
        bob = User.of(cluster);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theAdminCreatesUsersWhoseNewPasswordsLogIn() throws Exception {
        ok(user, user.work, ALICE_PASSWORD + "\n", "users:create", "alice", "--password-stdin");
        ok(user, user.work, BOB_PASSWORD + "\n", "users:create", "bob", "--password-stdin");
        assertThat(ok(user, user.work, null, "users").out()).containsPattern("alice +no +0")
                .containsPattern("bob +no +0").containsPattern("admin +yes +0");

        app = SampleApp.create(alice.login("alice", ALICE_PASSWORD),
                "shared-" + UUID.randomUUID().toString().substring(0, 6));
        Shell.Result push = app.push();
        assertThat(push.exit()).as(push.all()).isZero();
        bob.login("bob", BOB_PASSWORD);
        Shell.Result refused = bob.paas(bob.work, null, "users");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("Only admins manage users.");
    }

    @Test
    @Order(2)
    void bobIsRefusedOnAlicesAppThroughTheApiAndGit() throws Exception {
        Shell.Result info = bobPaas("info", "-a", app.name);
        assertThat(info.exit()).isEqualTo(1);
        assertThat(info.err()).contains("App '" + app.name + "' not found");
        assertThat(bobPaas("config:set", "STOLEN=1", "-a", app.name).exit()).isEqualTo(1);
        assertThat(bobPaas("apps").out()).doesNotContain(app.name);

        // bob's own checkout of the same code, pointed at alice's app, trusting the same git server
        bobsCheckout = bob.work.resolve("checkout");
        Shell.ok(bob.work, bob.git, "git", "clone", "-q", app.dir.toString(), bobsCheckout.toString());
        String gitUrl = Shell.ok(app.dir, app.user.git, "git", "remote", "get-url", "paas").out().strip();
        Shell.ok(bobsCheckout, bob.git, "git", "remote", "add", "paas", gitUrl);
        Files.copy(alice.home.resolve(".ssh/known_hosts"), bob.home.resolve(".ssh/known_hosts"));

        Shell.Result push = bobPush("bob's first try");
        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.all()).contains("not found, or not yours");
        assertThat(ok(alice, app.dir, null, "config").out()).doesNotContain("STOLEN");
    }

    @Test
    @Order(3)
    void onceAliceAddsHimBobPushesAndScales() {
        ok(alice, app.dir, null, "access:add", "bob");
        assertThat(ok(alice, app.dir, null, "access").out()).containsPattern("alice +owner")
                .containsPattern("bob +collaborator");
        assertThat(bobPaas("apps").out()).containsPattern(app.name + " +v1 +alice ");

        Shell.Result push = bobPush("bob's change");
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.all()).contains("v2");
        Shell.Result scale = bobPaas("scale", "web=2", "-a", app.name);
        assertThat(scale.exit()).as(scale.all()).isZero();
        assertThat(scale.out()).contains("web 1 -> 2");
        Wait.until(Duration.ofSeconds(60), () -> app.curl().endsWith("200"));
        assertThat(ok(alice, app.dir, null, "releases").out()).contains("bob");
    }

    @Test
    @Order(4)
    void bobCannotDestroyTheAppNorChangeWhoHasAccess() {
        String onlyAlice = "Only alice, who owns " + app.name + ", or an admin may ";
        Shell.Result destroy = bobPaas("destroy", "-a", app.name, "--confirm", app.name);
        assertThat(destroy.exit()).isEqualTo(1);
        assertThat(destroy.err()).contains(onlyAlice + "destroy it");
        Shell.Result add = bobPaas("access:add", "admin", "-a", app.name);
        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.err()).contains(onlyAlice + "change who has access to it");
        assertThat(bobPaas("access:remove", "alice", "-a", app.name).exit()).isEqualTo(1);
        assertThat(app.curl()).endsWith("200");
    }

    @Test
    @Order(5)
    void afterAliceRemovesHimBobsPushIsRefusedAgain() {
        ok(alice, app.dir, null, "access:remove", "bob");
        String releases = ok(alice, app.dir, null, "releases").out();

        Shell.Result push = bobPush("bob's late change");
        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.all()).contains("not found, or not yours");
        assertThat(bobPaas("info", "-a", app.name).exit()).isEqualTo(1);
        assertThat(ok(alice, app.dir, null, "releases").out()).isEqualTo(releases);
    }

    @Test
    @Order(6)
    void theAdminRemovesBobButNotAliceWhileSheOwnsAnApp() {
        ok(user, user.work, null, "users:remove", "bob");
        assertThat(bobPaas("apps").exit()).isEqualTo(1);

        Shell.Result refused = user.paas(user.work, null, "users:remove", "alice");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("alice still owns " + app.name);
        assertThat(ok(user, user.work, null, "users").out()).contains("alice").doesNotContain("bob");
    }

    private Shell.Result bobPaas(String... args) {
        return bob.paas(bob.work, null, args);
    }

    private Shell.Result bobPush(String message) {
        bob.commitAll(bobsCheckout, message);
        return Shell.run(bobsCheckout, bob.git, "git", "push", "paas", "HEAD:master");
    }

    private static Shell.Result ok(User as, Path dir, String stdin, String... args) {
        Shell.Result result = as.paas(dir, stdin, args);
        assertThat(result.exit()).as("paas " + String.join(" ", args) + ": " + result.all()).isZero();
        return result;
    }
}
