package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Faults of the controller and what it depends on (issue 12), each under load through the router: the controller
 * killed during a build and during a rollout, PostgreSQL restarted during a push, the registry down during a push,
 * and pushes to five apps at once with config changes during them. Each test prints a line with its figures
 * ("FAULT | ..."): the failed requests of the load, and how long the platform took to work again.
 *
 * <p>The platform pushes to a registry of this class's own ({@link TestRegistry}), so stopping it disturbs no other
 * platform on the host; the controller names it with PAAS_REGISTRY, as an operator would name theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): it counts failed requests (3 s timeout) while it kills parts of its platform
class ControllerFaultsIT {

    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(5);

    Cluster cluster;
    User user;
    TestRegistry registry;
    Path registryDir;
    /** The app the first four faults happen under, answering "GREETING from web.1 code CODE". */
    FaultApp app;
    private long phaseStarted;

    @BeforeAll
    void start() throws Exception {
        phase(null);
        registryDir = Files.createTempDirectory("paas-e2e-registry");
        registry = new TestRegistry(registryDir, Cluster.ROOT.resolve("e2e/target/e2e-logs/registry-faults.log"));
        registry.start();
        cluster = Cluster.started(1, Map.of("PAAS_REGISTRY", registry.address()));
        user = User.loggedIn(cluster);
        phase("platform started");
        app = FaultApp.of(SampleApp.create(user, "flt-" + UUID.randomUUID().toString().substring(0, 6)));
        app.code("r1");
        Shell.Result push = app.push();
        assertThat(push.exit()).as(push.all()).isZero();
        Wait.until(Duration.ofSeconds(60), () -> app.serves("Hello", "r1"));
        phase("first deploy");
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (registryDir != null) {
            Shell.run(Cluster.ROOT, Map.of(), "rm", "-rf", registryDir.toString());
        }
    }

    /** Fault 1: the push fails, the build is marked interrupted at the restart, the next push works, nothing stopped serving. */
    @Test
    @Order(1)
    void controllerKilledDuringABuild() throws Exception {
        Path pack = slowBuildpack();
        Files.writeString(app.app.dir.resolve(".buildpacks"), pack + "\npython\n");
        app.commit("a build that takes its time");
        LoadProbe load = LoadProbe.start(cluster, app.name(), body -> body.equals("Hello from web.1 code r1"));
        Path output = user.work.resolve("push-killed.txt");
        Process push = app.pushInBackground(output);
        Wait.until(Duration.ofMinutes(3), () -> read(output).contains("Slow compile started"));

        Instant fault = Instant.now();
        cluster.killController();
        assertThat(push.waitFor(60, TimeUnit.SECONDS)).as("git push ends when the controller dies").isTrue();
        assertThat(push.exitValue()).as(read(output)).isNotZero();
        assertThat(read(output)).contains("the remote end hung up unexpectedly").doesNotContain("Deployed");
        cluster.startController();
        double recovery = secondsSince(fault);
        phase("controller killed during a build, started again");

        assertThat(app.okPaas("builds").out()).contains("interrupted: the controller stopped");
        assertThat(Shell.run(user.work, Map.of(), "docker", "ps", "-aq", "--filter",
                "label=paas.build=" + app.name()).out().strip()).as("build containers left").isEmpty();

        Shell.ok(app.app.dir, app.app.user.git, "git", "rm", "-q", ".buildpacks");
        app.code("r2");
        load.accept(body -> body.equals("Hello from web.1 code r1") || body.equals("Hello from web.1 code r2"));
        Shell.Result next = app.push();
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.all()).contains("Deployed v2");
        Wait.until(Duration.ofSeconds(30), () -> app.serves("Hello", "r2"));
        LoadProbe.Result result = load.stop();
        phase("next push");

        report("1 controller SIGKILL during a build", "push failed, build interrupted, next push v2", result, recovery);
        assertThat(result.failed()).as(result.answers().toString()).isZero();
        assertThat(result.total()).isPositive();
    }

    /** Fault 6: the registry is down: the push fails naming it, nothing changes. */
    @Test
    @Order(2)
    void registryDownDuringAPush() throws Exception {
        String before = app.okPaas("releases").out();
        app.code("r3");
        LoadProbe load = LoadProbe.start(cluster, app.name(), body -> body.equals("Hello from web.1 code r2"));
        registry.stop();
        Instant fault = Instant.now();
        Shell.Result push;
        try {
            push = app.push();
        } finally {
            registry.start();
        }
        double recovery = secondsSince(fault);
        LoadProbe.Result result = load.stop();
        phase("push with the registry down");

        String refusal = push.all().lines().filter(l -> l.contains("Pushing " + registry.address())).findFirst()
                .orElse("").replaceFirst("^remote: +", "").strip();
        report("6 registry down during a push", "push refused (" + refusal + "), v2 serving", result, recovery);
        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.all()).contains("Pushing " + registry.address() + "/" + app.name() + ":v3 failed");
        assertThat(app.okPaas("releases").out()).isEqualTo(before);
        assertThat(app.okPaas("builds").out().lines().filter(l -> l.matches("\\d+ .*")).findFirst().orElseThrow())
                .contains("failed");
        assertThat(app.serves("Hello", "r2")).isTrue();
        assertThat(result.failed()).as(result.answers().toString()).isZero();
    }

    /** Fault 5: PostgreSQL restarts while a push builds: the push succeeds or fails clearly, the platform works after. */
    @Test
    @Order(3)
    void postgresRestartedDuringAPush() throws Exception {
        app.code("r4");
        LoadProbe load = LoadProbe.start(cluster, app.name(), body -> body.equals("Hello from web.1 code r2")
                || body.equals("Hello from web.1 code r4"));
        Path output = user.work.resolve("push-postgres.txt");
        Process push = app.pushInBackground(output);
        Wait.until(Duration.ofMinutes(3), () -> read(output).contains("Building " + app.name()));
        Instant fault = Instant.now();
        cluster.restartPostgres();
        assertThat(push.waitFor(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String pushed = read(output);
        Wait.until(Duration.ofMinutes(2), () -> app.paas("apps").exit() == 0);
        double recovery = secondsSince(fault);
        phase("push while PostgreSQL restarted");

        String code = push.exitValue() == 0 ? "r4" : "r2";
        load.accept(body -> body.matches("(Hello|Hi) from web\\.1 code r[24]"));
        Shell.Result config = app.paas("config:set", "GREETING=Hi");
        assertThat(config.exit()).as(config.all()).isZero();
        Wait.until(Duration.ofSeconds(30), () -> app.serves("Hi", code));
        LoadProbe.Result result = load.stop();
        phase("config:set after");

        report("5 PostgreSQL restarted during a push", push.exitValue() == 0 ? "push deployed" : "push failed: "
                + lastLine(pushed), result, recovery);
        if (push.exitValue() != 0) {
            assertThat(pushed).as("a failed push says why").contains(" !");
        } else {
            assertThat(pushed).contains("Deployed v");
        }
        assertThat(app.okPaas("builds").out()).doesNotContain("building");
        assertThat(app.okPaas("releases").out()).doesNotContain("deploying");
        assertThat(result.failed()).as(result.answers().toString()).isZero();
    }

    /**
     * Fault 2: the controller dies while a release rolls out; once it is back, the rollout ends one way or the other,
     * and no request fails. The router is held (SIGSTOP) until the node-agent has reported the new container up to
     * the restarted controller, as happens when the agent's retries reach it first: the controller must still wait
     * for the router before it stops the old container (it once took "no router known yet" for "all acknowledged").
     */
    @Test
    @Order(4)
    void controllerKilledDuringARollout() throws Exception {
        String serving = app.curlBody();
        // New containers take 20 s to listen: the controller is killed while they start.
        LoadProbe load = LoadProbe.start(cluster, app.name(), body -> body.equals(serving));
        Path output = user.work.resolve("config-killed.txt");
        Process config = user.paasInBackground(output, "config:set", "START_DELAY=20", "-a", app.name());
        Wait.until(Duration.ofMinutes(2), () -> app.containers() == 2);

        Instant fault = Instant.now();
        cluster.killController();
        cluster.signalRouter("STOP");
        try {
            assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(config.exitValue()).as(read(output)).isNotZero();
            cluster.startController();
            String newest = app.okPaas("releases").out().lines().filter(l -> l.startsWith("v")).findFirst()
                    .orElseThrow().split("\\s+")[0];
            Wait.until(Duration.ofMinutes(2), () -> app.okPaas("ps").out().lines()
                    .map(l -> l.split("\\s+")).anyMatch(row -> row.length > 2 && row[1].equals("up") && row[2].equals(newest)));
            // The router stays away a while longer, as its retries (backing off to 30 s) may: up to 12 s, or until
            // the old container is gone and 2 s more (then requests fail unless something else serves them).
            long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            Wait.until(Duration.ofSeconds(20), () -> System.nanoTime() > until || app.containers() == 1);
            Thread.sleep(app.containers() == 1 ? 2000 : 0);
        } finally {
            cluster.signalRouter("CONT");
        }
        Wait.until(Duration.ofMinutes(3), () -> !app.okPaas("releases").out().contains("deploying"));
        double recovery = secondsSince(fault);
        Wait.until(Duration.ofSeconds(60), () -> app.containers() == 1);
        LoadProbe.Result result = load.stop();
        phase("controller killed during a rollout, rollout ended");

        String releases = app.okPaas("releases").out();
        String newest = releases.lines().filter(l -> l.startsWith("v")).findFirst().orElseThrow();
        report("2 controller SIGKILL during a rollout", "rollout resumed: " + newest.strip().replaceAll(" +", " "),
                result, recovery);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(app.curlBody());
        }
        assertThat(answers).as("one release serves").containsOnly(answers.get(0));
        assertThat(result.failed()).as(result.answers().toString()).isZero();
    }

    /** Fault 7: five pushes at once, a config change on each during them: every one has its own outcome. */
    @Test
    @Order(5)
    void fivePushesAtOnceWithConfigChanges() throws Exception {
        List<FaultApp> apps = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            FaultApp five = FaultApp.of(app.app.another("five" + i + "-" + UUID.randomUUID().toString().substring(0, 6)));
            five.code("a" + i + "r1");
            apps.add(five);
        }
        pushAll(apps);
        phase("five first pushes at once");

        List<LoadProbe> loads = new ArrayList<>();
        List<Process> pushes = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            FaultApp five = apps.get(i);
            // Either greeting with either code: the config change may serve before or after the push's release.
            Pattern right = Pattern.compile("(Hello|Hi" + (i + 1) + ") from web\\.1 code a" + (i + 1) + "r[12]");
            loads.add(LoadProbe.start(cluster, five.name(), body -> right.matcher(body).matches()));
            five.code("a" + (i + 1) + "r2");
            pushes.add(five.pushInBackground(user.work.resolve("push-" + five.name() + ".txt")));
        }
        for (FaultApp five : apps) {
            Path out = user.work.resolve("push-" + five.name() + ".txt");
            Wait.until(Duration.ofMinutes(3), () -> read(out).contains("Building " + five.name()));
        }
        List<Process> configs = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            configs.add(user.paasInBackground(user.work.resolve("config-" + apps.get(i).name() + ".txt"),
                    "config:set", "GREETING=Hi" + (i + 1), "-a", apps.get(i).name()));
        }
        for (Process p : pushes) {
            assertThat(p.waitFor(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        for (Process p : configs) {
            assertThat(p.waitFor(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        phase("five pushes with config changes at once");

        int failed = 0;
        int total = 0;
        for (int i = 0; i < apps.size(); i++) {
            FaultApp five = apps.get(i);
            String pushed = read(user.work.resolve("push-" + five.name() + ".txt"));
            String configured = read(user.work.resolve("config-" + five.name() + ".txt"));
            assertThat(pushes.get(i).exitValue()).as(pushed).isZero();
            assertThat(configs.get(i).exitValue()).as(configured).isZero();
            int n = i + 1;
            Wait.until(Duration.ofSeconds(30), () -> five.serves("Hi" + n, "a" + n + "r2"));
            LoadProbe.Result result = loads.get(i).stop();
            failed += result.failed();
            total += result.total();
            assertThat(result.failed()).as(five.name() + ": " + result.answers()).isZero();
            assertThat(versions(five)).as(five.okPaas("releases").out()).isEqualTo(contiguous(versions(five).size()));
        }
        report("7 five pushes at once with config changes", "10 of 10 succeeded, versions contiguous",
                new LoadProbe.Result(total, failed, Set.of(), null, null), 0);
    }

    private void pushAll(List<FaultApp> apps) throws Exception {
        List<Process> pushes = new ArrayList<>();
        for (FaultApp five : apps) {
            pushes.add(five.pushInBackground(user.work.resolve("push-" + five.name() + ".txt")));
        }
        for (int i = 0; i < apps.size(); i++) {
            assertThat(pushes.get(i).waitFor(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(pushes.get(i).exitValue()).as(read(user.work.resolve("push-" + apps.get(i).name() + ".txt")))
                    .isZero();
        }
    }

    /** The release versions `paas releases` lists, in order. */
    private static List<Integer> versions(FaultApp app) {
        List<Integer> versions = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^v(\\d+) ").matcher(app.okPaas("releases").out());
        while (m.find()) {
            versions.add(Integer.parseInt(m.group(1)));
        }
        versions.sort(null);
        return versions;
    }

    private static List<Integer> contiguous(int n) {
        List<Integer> all = new ArrayList<>();
        for (int v = 1; v <= n; v++) {
            all.add(v);
        }
        return all;
    }

    /** A local buildpack (the admin's directory) whose compile takes two minutes: a build to kill the controller in. */
    private Path slowBuildpack() throws IOException {
        Path pack = Files.createDirectories(cluster.buildpacksDir.resolve("slow/bin"));
        script(pack.resolve("detect"), "echo Slow");
        script(pack.resolve("compile"), "echo '-----> Slow compile started'; sleep 120");
        return pack.getParent();
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        // Builds run as uid 10000: the scripts must be readable and executable by others.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void phase(String name) {
        long now = System.nanoTime();
        if (name != null) {
            System.out.printf(Locale.ROOT, "PHASE %s: %.1fs%n", name, (now - phaseStarted) / 1e9);
        }
        phaseStarted = now;
    }

    private static void report(String fault, String outcome, LoadProbe.Result load, double recoverySeconds) {
        System.out.printf(Locale.ROOT, "FAULT | %s | %s | failed %d/%d | recovery %.1fs%n", fault, outcome,
                load.failed(), load.total(), recoverySeconds);
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A {@link SampleApp} whose code says which version of it runs ("Hello from web.1 code r2") and that waits
     * START_DELAY seconds before it listens, for a rollout slow enough to kill the controller in.
     */
    record FaultApp(SampleApp app) {

        static FaultApp of(SampleApp app) {
            Path file = app.dir.resolve("app.py");
            User.edit(file, "greeting = os.environ.get(\"GREETING\", \"Hello\")\n",
                    "greeting = os.environ.get(\"GREETING\", \"Hello\")\n"
                            + "import time\ntime.sleep(float(os.environ.get(\"START_DELAY\", \"0\")))\nCODE = \"r0\"\n");
            User.edit(file, "(greeting, os.environ[\"PAAS_PROCESS\"])", "(greeting, os.environ[\"PAAS_PROCESS\"] + \" code \" + CODE)");
            return new FaultApp(app);
        }

        String name() {
            return app.name;
        }

        /** Sets the code's version and commits it. */
        void code(String code) {
            Path file = app.dir.resolve("app.py");
            try {
                Files.writeString(file, Files.readString(file).replaceFirst("CODE = \"[^\"]*\"", "CODE = \"" + code + "\""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            commit("code " + code);
        }

        void commit(String message) {
            Shell.ok(app.dir, app.user.git, "git", "add", "-A");
            Shell.ok(app.dir, app.user.git, "git", "commit", "-q", "-m", message);
        }

        Shell.Result push() {
            return app.push();
        }

        /** git push in the background, its output (stdout and stderr) going to {@code output} as it comes. */
        Process pushInBackground(Path output) throws IOException {
            return Shell.spawn(List.of("git", "-C", app.dir.toString(), "push", "paas", "master"), app.user.git, output);
        }

        Shell.Result paas(String... args) {
            return app.paas(args);
        }

        Shell.Result okPaas(String... args) {
            return app.okPaas(null, args);
        }

        /** The body's first line of GET / through the router. */
        String curlBody() {
            return app.curl().lines().findFirst().orElse("");
        }

        boolean serves(String greeting, String code) {
            return app.curl().equals(greeting + " from web.1 code " + code + "\n200");
        }

        /** How many containers of the app Docker has, running or not. */
        int containers() {
            String ids = Shell.run(app.user.work, Map.of(), "docker", "ps", "-aq", "--filter",
                    "label=paas.app=" + app.name).out().strip();
            return ids.isEmpty() ? 0 : ids.split("\\s+").length;
        }
    }
}
