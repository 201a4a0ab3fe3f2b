package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Tenants isolated at run time (docs/security.md, "Apps at run time"), tried as a curious app would: from inside
 * one app, by {@code paas run} and from its web container, every connection to the other app's container and to
 * the platform's ports on this host (API on every address as on a multi-host controller, SSH, PostgreSQL, the
 * registry, the router, a server on 0.0.0.0) is refused, while the router serves both apps. A fork bomb in
 * {@code paas run} stops at the pids limit and the platform stays healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IsolationIT {

    /** Tries each NAME=HOST=PORT given and prints "NAME connected" or "NAME <the error's type>". */
    private static final String PROBE = """
            import socket, sys
            for target in sys.argv[1:]:
                name, host, port = target.split("=")
                try:
                    socket.create_connection((host, int(port)), timeout=5).close()
                    print(name, "connected")
                except OSError as e:
                    print(name, type(e).__name__)
            """;

    Cluster cluster;
    User user;
    SampleApp one;
    SampleApp other;
    ServerSocket hostService;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(1, Map.of("SERVER_ADDRESS", "0.0.0.0"));
        user = User.loggedIn(cluster);
        one = SampleApp.deployed(user, "iso-one");
        other = one.another("iso-other-" + one.name.substring(one.name.length() - 6));
        Shell.Result push = other.push();
        assertThat(push.exit()).as(push.all()).isZero();
        hostService = new ServerSocket();
        hostService.bind(new InetSocketAddress("0.0.0.0", 0));
    }

    @AfterAll
    void stop() throws Exception {
        if (hostService != null) {
            hostService.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void appContainersRunConfinedAsTheStacksUnprivilegedUser() {
        String inspect = docker("inspect", "-f", "{{.Config.User}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}}"
                + " {{.HostConfig.PidsLimit}} {{.HostConfig.NetworkMode}} {{.HostConfig.LogConfig.Config}}",
                container(one));

        assertThat(inspect.strip()).isEqualTo("10000:10000 [ALL] [no-new-privileges] 512 paas-apps"
                + " map[max-file:3 max-size:10m]");
        Shell.Result id = one.paas("run", "--", "sh", "-c", "id -u; touch /app/written && echo /app writable");
        assertThat(id.exit()).as(id.all()).isZero();
        assertThat(id.out()).isEqualTo("10000\n/app writable\n");
    }

    @Test
    @Order(2)
    void aOneOffReachesNeitherTheOtherAppNorThePlatform() {
        List<String> targets = targets();

        Shell.Result probe = one.paas(concat(List.of("run", "--", "python3", "-c", PROBE), targets)
                .toArray(String[]::new));

        assertThat(probe.exit()).as(probe.all()).isZero();
        assertRefused(probe.out(), targets);
    }

    @Test
    @Order(3)
    void theAppsWebContainerReachesNeitherTheOtherAppNorThePlatform() {
        List<String> targets = targets();

        String out = docker(concat(List.of("exec", container(one), "python3", "-c", PROBE), targets));

        assertRefused(out, targets);
    }

    @Test
    @Order(4)
    void theRouterStillServesBothAppsOnTheirContainersOwnAddresses() throws Exception {
        assertThat(one.curl()).isEqualTo("Hello from web.1\n200");
        assertThat(other.curl()).isEqualTo("Hello from web.1\n200");
        // The router runs on the node's network host, so it reaches each container at its address on the apps network
        // and the app's own port (route.Reach): no published port, no docker-proxy on the way. The host opens those
        // connections; the firewall checks above show they open no path for the apps.
        String backends = Files.readString(cluster.nginxDir.resolve("backends.table"));
        for (SampleApp app : List.of(one, other)) {
            String id = container(app);
            String ip = docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"paas-apps\").IPAddress}}", id).strip();
            String port = docker("inspect", "-f", "{{index .Config.Labels \"paas.port\"}}", id).strip();
            assertThat(backends).as(backends).contains("app " + app.name + " " + ip + ":" + port + "\n");
        }
    }

    @Test
    @Order(5)
    void aForkBombInAOneOffStopsAtThePidsLimitAndThePlatformStaysHealthy() {
        Shell.Result bomb = one.paas("run", "--", "python3", "-c", """
                import os, time
                n = 0
                try:
                    while n < 5000:
                        if os.fork() == 0:
                            time.sleep(10)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print("stopped after", n, "forks:", e.strerror)
                """);

        assertThat(bomb.exit()).as(bomb.all()).isZero();
        assertThat(bomb.out()).containsPattern("stopped after [1-5]\\d\\d forks: Resource temporarily unavailable");
        assertThat(Shell.run(user.work, Map.of(), "curl", "-sf", "--max-time", "5",
                cluster.api() + "/actuator/health").out()).contains("UP");
        assertThat(one.curl()).isEqualTo("Hello from web.1\n200");
        assertThat(other.curl()).isEqualTo("Hello from web.1\n200");
    }

    /** What a curious app would try: the other app's container, and every platform port on this host. */
    private List<String> targets() {
        String gateway = docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "paas-apps").strip();
        String otherContainer = container(other);
        String otherIp = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                otherContainer).strip();
        String otherPort = docker("inspect", "-f", "{{index .Config.Labels \"paas.port\"}}", otherContainer).strip();
        String otherHostPort = docker("inspect", "-f", "{{index .Config.Labels \"paas.host-port\"}}",
                otherContainer).strip();
        return List.of("other-app=" + otherIp + "=" + otherPort,
                "other-app-published=" + gateway + "=" + otherHostPort,
                "api=" + gateway + "=" + cluster.apiPort,
                "ssh=" + gateway + "=" + cluster.sshPort,
                "postgres=" + gateway + "=" + cluster.postgresPort(),
                "registry=" + gateway + "=5000",
                "router=" + gateway + "=" + cluster.routerPort,
                "host-service=" + gateway + "=" + hostService.getLocalPort());
    }

    /**
     * Each target is refused or dropped, never connected. Dropped is Docker's own isolation between bridges: with the
     * userland proxy off, a port another container publishes (the test's PostgreSQL) is DNAT-ed into the FORWARD
     * chain, where DOCKER-ISOLATION drops packets from paas-apps, so the probe times out instead of being refused.
     */
    private static void assertRefused(String out, List<String> targets) {
        for (String target : targets) {
            String name = target.substring(0, target.indexOf('='));
            assertThat(out).as(out).containsPattern("(?m)^" + name + " (ConnectionRefusedError|TimeoutError)$");
        }
        assertThat(out).as(out).doesNotContain("connected");
    }

    /** The app's one web container on this platform's node. */
    private String container(SampleApp app) {
        String id = docker("ps", "-q", "--filter", "label=paas.node=" + cluster.node,
                "--filter", "label=paas.app=" + app.name, "--filter", "label=paas.process=web").strip();
        assertThat(id).as("web container of " + app.name).isNotEmpty().doesNotContain("\n");
        return id;
    }

    private String docker(String... args) {
        return docker(List.of(args));
    }

    private String docker(List<String> args) {
        Shell.Result result = Shell.run(user.work, Map.of(),
                concat(List.of("docker"), args).toArray(String[]::new));
        assertThat(result.exit()).as(result.all()).isZero();
        return result.out();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
