package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * dockerd restarted under ten running apps (issue 12, fault 4; with live-restore, as deploy/lib/install.sh sets it
 * up, they keep running), then a host reboot (every process gone, dockerd
 * restarted, the platform started again as deploy/up would): every app serves its current release again, and the
 * test prints how long that took. The node-agent runs its apps on a {@link PrivateDockerd}, so restarting it
 * stops nothing but this test's apps (the machine's dockerd also runs other platforms and PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): it crashes and restarts its platform and dockerd and counts failed requests meanwhile
class DockerdRestartIT {

    private static final int APPS = 10;

    PrivateDockerd dockerd;
    Cluster cluster;
    User user;
    final List<SampleApp> apps = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        long began = System.nanoTime();
        dockerd = PrivateDockerd.start(Cluster.ROOT.resolve("e2e/target/e2e-logs"));
        cluster = Cluster.started(0, Map.of());
        user = User.loggedIn(cluster);
        cluster.startAgent(cluster.node, Map.of("DOCKER_HOST", dockerd.host()), List.of("--network", dockerd.network));
        phase("private dockerd and platform up", began);
        SampleApp first = SampleApp.deployed(user, "boot");
        apps.add(first);
        for (int i = 2; i <= APPS; i++) {
            SampleApp app = first.another(first.name + "-" + i);
            Shell.Result push = app.push();
            assertThat(push.exit()).as(push.all()).isZero();
            apps.add(app);
        }
        assertThat(releases()).hasSize(APPS);
        phase(APPS + " apps pushed", began);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (dockerd != null) {
            dockerd.close();
        }
    }

    /** Fault 4: dockerd restarted; with live-restore the containers keep running, only docker-proxy goes and comes. */
    @Test
    @Order(1)
    void appsServeAgainAfterDockerdRestarts() throws Exception {
        long began = System.nanoTime();
        List<String> releases = releases();
        List<String> started = started();
        FaultLoad load = FaultLoad.start(apps.get(0), "Hello");
        Thread.sleep(1000);
        load.fault();
        int before = load.sent();
        dockerd.restart();
        long engineBack = System.nanoTime();
        int whileDown = load.sent() - before;
        Wait.until(Duration.ofSeconds(180), this::allServe);
        long served = System.nanoTime();
        Thread.sleep(1000);
        load.stop();

        assertThat(releases()).isEqualTo(releases);
        assertThat(started()).as("the same containers, never restarted").isEqualTo(started);
        // The router runs on the node's host, so it reaches the containers at their bridge addresses, which dockerd's
        // restart leaves alone; published ports (here through docker-proxy, --iptables=false), which routers on other
        // hosts use, go with the old dockerd and come with the new one. At most the requests sent while it restarts
        // fail (and the one or two in flight as it answers again).
        assertThat(load.failed()).as(load.samples().toString()).isLessThanOrEqualTo(whileDown + 2);
        String outcome = String.format(Locale.ROOT, "containers kept running (live-restore); dockerd back in %.1fs (%d"
                        + " requests meanwhile), all %d apps serving %.1fs after the restart began",
                seconds(engineBack - load.faultAt()), whileDown, APPS, seconds(served - load.faultAt()));
        System.out.println(load.report("4 dockerd restarted", outcome, load.recoverySeconds()));
        phase("fault 4", began);
    }

    /**
     * A host reboot: every process gone (the controller, the agent, the router and its nginx, the apps' containers
     * SIGKILLed), dockerd restarted, then the platform started again. Counted from the start of the services (the machine is up and
     * dockerd runs, as deploy/up finds them) to every app serving its current release.
     */
    @Test
    @Order(2)
    void afterAHostRebootEveryAppServesItsCurrentReleaseAgain() throws Exception {
        long began = System.nanoTime();
        List<String> releases = releases();
        cluster.crash();
        dockerd.killContainers();
        dockerd.restart();
        assertThat(dockerd.docker("ps", "-q", "--filter", "label=paas.managed=true").out()).isBlank();
        long services = System.nanoTime();
        cluster.startAgain();
        long controller = System.nanoTime();
        Wait.until(Duration.ofSeconds(300), () -> serving(apps.get(0)));
        long firstApp = System.nanoTime();
        Wait.until(Duration.ofSeconds(300), this::allServe);
        long all = System.nanoTime();

        assertThat(releases()).isEqualTo(releases);
        assertThat(dockerd.containers("paas.managed=true")).hasSize(APPS);
        System.out.printf(Locale.ROOT, "REBOOT %d apps: all serving their current release %.1fs after the services"
                        + " started (controller healthy %.1fs, first app %.1fs); crash and dockerd restart took %.1fs%n",
                APPS, seconds(all - services), seconds(controller - services), seconds(firstApp - services),
                seconds(services - began));
        phase("reboot", began);
    }

    private boolean allServe() {
        return apps.stream().allMatch(DockerdRestartIT::serving);
    }

    private static boolean serving(SampleApp app) {
        return app.curl().equals("Hello from web.1\n200");
    }

    /** "app release" of each running container on the node, from Docker itself (one call, not ten `paas ps`). */
    private List<String> releases() {
        return dockerd.docker("ps", "--filter", "label=paas.managed=true", "--format",
                "{{.Label \"paas.app\"}} {{.Label \"paas.release\"}} {{.Label \"paas.name\"}}").out().lines().sorted().toList();
    }

    /** "id started-at" of each running container, from Docker: a restarted container has a new start time. */
    private List<String> started() {
        List<String> ids = dockerd.containers("paas.managed=true");
        List<String> inspect = new java.util.ArrayList<>(List.of("inspect", "--format", "{{.Id}} {{.State.StartedAt}}"));
        inspect.addAll(ids);
        return dockerd.docker(inspect.toArray(String[]::new)).out().lines().sorted().toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void phase(String what, long began) {
        System.out.printf(Locale.ROOT, "DockerdRestartIT: %s in %.1fs%n", what, seconds(System.nanoTime() - began));
    }
}
