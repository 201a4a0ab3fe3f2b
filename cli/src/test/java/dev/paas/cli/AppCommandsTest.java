package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import dev.paas.api.AppView;
import dev.paas.api.BuildCacheView;
import dev.paas.api.DomainView;
import dev.paas.api.AppView.ProcessView;
import dev.paas.api.SshInfo;
import dev.paas.cli.git.Git;
import org.junit.jupiter.api.Test;

class AppCommandsTest extends LoggedInCliTest {

    static final String GIT_URL = "ssh://git@127.0.0.1:2222/hello.git";
    static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAsjcK5GM0mMKYR48d2HEXlWhC4LzNnS7P4nHqhYcyS2";

    static AppView hello(Integer release, List<ProcessView> processes) {
        return new AppView("hello", "ana", "http://hello.localhost:8080", GIT_URL, release,
                Instant.parse("2025-03-01T10:00:00Z"), processes, "default", "owner");
    }

    @Test
    void createPutsTheAppInTheNamedFormation() throws Exception {
        cli.gitCheckout(null);
        AppView prod = new AppView("hello", "ana", "http://hello.localhost:8080", GIT_URL, null,
                Instant.parse("2025-03-01T10:00:00Z"), List.of(), "prod", "owner");
        controller.on("POST", "/v1/apps", 201, prod)
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY + " root@controller")));

        CliRunner.Run run = cli.run("create", "hello", "--formation", "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Creating hello in formation prod... done in ");
        assertThat(controller.only("POST", "/v1/apps").body()).isEqualTo("{\"name\":\"hello\",\"formation\":\"prod\"}");
    }

    @Test
    void formationsTokenPrintsOnlyTheTokenOnStdout() throws Exception {
        controller.on("POST", "/v1/formations/prod/join-tokens", 201,
                new dev.paas.api.JoinTokenView("prod", "proxy", "pjt_secret"));

        CliRunner.Run run = cli.run("formations:token", "prod", "--layer", "proxy");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("pjt_secret\n");
        assertThat(run.err()).contains("proxy layer of formation prod").contains("paas-router");
        assertThat(controller.only("POST", "/v1/formations/prod/join-tokens").body()).isEqualTo("{\"layer\":\"proxy\"}");
    }

    @Test
    void createAddsTheGitRemoteAndTrustsTheGitServer() throws Exception {
        Git git = cli.gitCheckout(null);
        controller.on("POST", "/v1/apps", 201, hello(null, List.of()))
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY + " root@controller")));

        CliRunner.Run run = cli.run("create", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Creating hello... done in ").contains("s\nWeb URL: http://hello.localhost:8080\nGit URL: "
                + GIT_URL + "\nGit remote paas added\n");
        assertThat(controller.only("POST", "/v1/apps").body()).isEqualTo("{\"name\":\"hello\"}");
        assertThat(git.remoteUrl("paas")).contains(GIT_URL);
        assertThat(Files.readAllLines(cli.home.resolve(".ssh/known_hosts"))).containsExactly("[127.0.0.1]:2222 " + HOST_KEY);

        cli.run("apps:create", "hello");
        assertThat(Files.readAllLines(cli.home.resolve(".ssh/known_hosts"))).hasSize(1);
    }

    @Test
    void createLeavesAnExistingRemoteAlone() throws Exception {
        Git git = cli.gitCheckout("ssh://git@elsewhere:2222/other.git");
        controller.on("POST", "/v1/apps", 201, hello(null, List.of()))
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY)));

        CliRunner.Run run = cli.run("create", "hello");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Git remote paas already exists (ssh://git@elsewhere:2222/other.git): left it as it is");
        assertThat(git.remoteUrl("paas")).contains("ssh://git@elsewhere:2222/other.git");
    }

    @Test
    void gitRemotePointsAFreshCheckoutAtAnExistingApp() throws Exception {
        Git git = cli.gitCheckout(null);
        controller.on("GET", "/v1/apps/hello", 200, hello(3, List.of()))
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY)));

        CliRunner.Run run = cli.run("git:remote", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Git remote paas added\n");
        assertThat(git.remoteUrl("paas")).contains(GIT_URL);
        assertThat(Files.readAllLines(cli.home.resolve(".ssh/known_hosts"))).containsExactly("[127.0.0.1]:2222 " + HOST_KEY);
    }

    @Test
    void gitRemoteRepointsARemoteOfAnotherApp() throws Exception {
        Git git = cli.gitCheckout("ssh://git@elsewhere:2222/other.git");
        controller.on("GET", "/v1/apps/hello", 200, hello(3, List.of()))
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY)));

        CliRunner.Run run = cli.run("git:remote", "-a", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Git remote paas now points to " + GIT_URL
                + " (was ssh://git@elsewhere:2222/other.git)\n");
        assertThat(git.remoteUrl("paas")).contains(GIT_URL);
    }

    @Test
    void gitRemoteForAnUnknownAppChangesNothing() throws Exception {
        Git git = cli.gitCheckout("ssh://git@elsewhere:2222/other.git");
        controller.on("GET", "/v1/apps/nope", 404, "{\"message\":\"No app named nope.\"}");

        CliRunner.Run run = cli.run("git:remote", "-a", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No app named nope.\n");
        assertThat(git.remoteUrl("paas")).contains("ssh://git@elsewhere:2222/other.git");
    }

    @Test
    void gitRemoteFailsWhenGitCannotSetTheRemote() throws Exception {
        Git git = cli.gitCheckout(null);
        Files.writeString(cli.workDir.resolve(".git/config.lock"), ""); // another git process holds the config
        controller.on("GET", "/v1/apps/hello", 200, hello(3, List.of()));

        CliRunner.Run run = cli.run("git:remote", "-a", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Could not set git remote paas: ").contains("could not lock config file");
        assertThat(git.remoteUrl("paas")).isEmpty();
    }

    @Test
    void gitRemoteOutsideACheckoutSaysWhereToRunIt() {
        CliRunner.Run run = cli.run("git:remote", "-a", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Not inside a git checkout: run this in the app's checkout (or git init first).\n");
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void createOutsideACheckoutExplainsTheRemote() throws Exception {
        controller.on("POST", "/v1/apps", 201, hello(null, List.of()))
                .on("GET", "/v1/ssh", 200, new SshInfo("127.0.0.1", 2222, List.of(HOST_KEY)));

        CliRunner.Run run = cli.run("create", "hello");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Not inside a git checkout: add the remote yourself with git remote add paas " + GIT_URL);
    }

    @Test
    void createOnConflictPrintsTheServersMessage() throws Exception {
        controller.on("POST", "/v1/apps", 409, "{\"message\":\"An app named hello already exists.\"}");

        CliRunner.Run run = cli.run("create", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("An app named hello already exists.\n");
        assertThat(run.out()).isEqualTo("Creating hello... failed\n");
    }

    @Test
    void appsPrintsATableMarkingTheAppsSharedWithYou() throws Exception {
        controller.on("GET", "/v1/apps", 200, List.of(
                new AppView("zebra", "bea", "http://zebra.localhost:8080", "ssh://x/zebra.git", null, null, List.of(),
                        "default", "collaborator"),
                hello(12, List.of())));

        CliRunner.Run run = cli.run("apps");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                NAME   RELEASE  OWNER  WEB URL
                hello  v12      you    http://hello.localhost:8080
                zebra  -        bea    http://zebra.localhost:8080
                """);
    }

    @Test
    void infoInfersTheAppFromTheGitRemote() throws Exception {
        cli.gitCheckout("git@127.0.0.1:hello.git");
        controller.on("GET", "/v1/apps/hello", 200, hello(3, List.of(
                new ProcessView("web.1", "web", 1, 3, "node-1", "up"),
                new ProcessView("web.2", "web", 2, 3, "node-2", "starting"))))
                .on("GET", "/v1/apps/hello/build-cache", 200, new BuildCacheView(3 * 1048576L, 5 * 1048576L, 2))
                .on("GET", "/v1/apps/hello/domains", 200, List.of(
                        new DomainView("hello.localhost", DomainView.DEFAULT, Instant.parse("2025-03-01T10:00:00Z")),
                        new DomainView("www.hello.example", DomainView.CUSTOM, Instant.parse("2025-03-02T10:00:00Z"))))
                .on("GET", "/v1/apps/hello/limits", 200, new dev.paas.api.LimitsView("hello", "default", List.of(
                        new dev.paas.api.LimitsView.ProcessLimit("web", 512, 500, "app"),
                        new dev.paas.api.LimitsView.ProcessLimit("worker", 256, 0, "default"))));

        CliRunner.Run run = cli.run("info");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("=== hello\nOwner:     ana\nFormation: default\nGit URL:   " + GIT_URL
                        + "\nWeb URL:   http://hello.localhost:8080\nDomains:   hello.localhost, www.hello.example"
                        + "\nRelease:   v3\nCreated:   ")
                .contains("\nImages:    2, 5.0 MiB of app layers\nCache:     3.0 MiB\n")
                .endsWith("""
                        === Processes
                        NAME   STATE     RELEASE  NODE
                        web.1  up        v3       node-1
                        web.2  starting  v3       node-2

                        === hello Limits (formation default)
                        TYPE    MEMORY  CPU     SET BY
                        web     512 MB  0.5     app
                        worker  256 MB  shared  default
                        """);
    }

    @Test
    void withoutAppOrRemoteSaysHowToNameTheApp() {
        CliRunner.Run run = cli.run("info");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No app given: use -a APP, or run this inside a git checkout with a 'paas' remote.\n");
    }

    @Test
    void anUnknownAppShowsTheServersMessage() throws Exception {
        controller.on("GET", "/v1/apps/nope", 404, "{\"message\":\"No app named nope.\"}");

        CliRunner.Run run = cli.run("apps:info", "-a", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No app named nope.\n");
    }

    @Test
    void destroyRefusesWithoutConfirmation() {
        CliRunner.Run run = cli.run("destroy", "-a", "hello");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("To destroy hello, run: paas destroy -a hello --confirm hello\n");
        assertThat(controller.requests()).isEmpty();

        assertThat(cli.run("destroy", "-a", "hello", "--confirm", "hell").exitCode()).isEqualTo(1);
        assertThat(controller.requests()).isEmpty();
    }

    @Test
    void destroyDeletesTheAppAndItsRemote() throws Exception {
        Git git = cli.gitCheckout(GIT_URL);
        controller.on("DELETE", "/v1/apps/hello", 204, null);

        CliRunner.Run run = cli.run("apps:destroy", "--confirm", "hello");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("Destroying hello\\.\\.\\. done in \\d+\\.\\ds\nGit remote paas removed\n");
        assertThat(controller.only("DELETE", "/v1/apps/hello").authorization()).isEqualTo("Bearer tok-ana");
        assertThat(git.remoteUrl("paas")).isEmpty();
    }

    @Test
    void destroyTakesTheAppAsAnArgumentLikeHerokusAppsDestroy() throws Exception {
        controller.on("DELETE", "/v1/apps/hello", 204, null);

        CliRunner.Run two = cli.run("destroy", "hello", "-a", "other", "--confirm", "hello");
        assertThat(two.exitCode()).isEqualTo(1);
        assertThat(two.err()).isEqualTo("Two apps given (hello and -a other): name one.\n");
        assertThat(controller.requests()).isEmpty();

        CliRunner.Run run = cli.run("destroy", "hello", "--confirm", "hello");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(controller.only("DELETE", "/v1/apps/hello").authorization()).isEqualTo("Bearer tok-ana");
    }
}
