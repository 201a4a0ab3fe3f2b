package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NginxRouter against the real nginx binary, on a free loopback port, with two loopback backends. */
class NginxRouterTest {

    @TempDir
    Path dir;
    private ListenAddress listen;
    private NginxRouter router;
    private HttpServer backend1;
    private HttpServer backend2;

    @BeforeEach
    void startNginx() throws Exception {
        assumeTrue(Backends.nginxInstalled(), "nginx is not installed at " + Backends.NGINX);
        backend1 = Backends.answering("backend one");
        backend2 = Backends.answering("backend two");
        listen = new ListenAddress("127.0.0.1", Backends.freePort());
        router = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen);
        router.start();
    }

    @AfterEach
    void stopNginx() throws Exception {
        if (router != null) {
            router.stop();
        }
        for (HttpServer backend : new HttpServer[] {backend1, backend2}) {
            if (backend != null) {
                backend.stop(0);
            }
        }
    }

    @Test
    void routesByHostAndFollowsTheTable() throws Exception {
        assertThat(get("a.localhost").status()).isEqualTo(404);
        assertThat(get("a.localhost").body()).isEqualTo("No app is routed here\n");

        router.apply(table(1, backend1));
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
        assertThat(get("unknown.localhost").status()).isEqualTo(404);

        router.apply(table(2, backend2));
        assertThat(get("a.localhost").body()).isEqualTo("backend two");

        router.apply(new RouteTable(3, List.of(new Route("a", List.of("a.localhost"), List.of()))));
        assertThat(get("a.localhost").status()).isEqualTo(503);
        assertThat(get("a.localhost").body()).isEqualTo("App a has no running web processes\n");
    }

    @Test
    void customDomainsServeTheAppUntilTheTableDropsThem() throws Exception {
        Backend one = new Backend("127.0.0.1", backend1.getAddress().getPort());
        router.apply(new RouteTable(1, List.of(new Route("a", List.of("a.localhost", "www.example.com"), List.of(one)))));
        assertThat(get("www.example.com").body()).isEqualTo("backend one");
        assertThat(get("WWW.EXAMPLE.COM").body()).isEqualTo("backend one");
        assertThat(get("a.localhost").body()).isEqualTo("backend one");

        router.apply(new RouteTable(2, List.of(new Route("a", List.of("a.localhost"), List.of(one)))));
        assertThat(get("www.example.com").status()).isEqualTo(404);
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
    }

    /** nginx -s reload returns before new workers take over; apply must not return before they have. */
    @Test
    void onceApplyReturnsNothingAnswersFromThePreviousTable() throws Exception {
        for (int version = 1; version <= 10; version++) {
            HttpServer wanted = version % 2 == 1 ? backend1 : backend2;
            router.apply(table(version, wanted));
            for (int request = 0; request < 30; request++) {
                assertThat(get("a.localhost").body()).as("v%d request %d", version, request)
                        .isEqualTo(version % 2 == 1 ? "backend one" : "backend two");
            }
        }
    }

    /** Most versions only record a container's progress: nothing is pushed, nothing reloaded. */
    @Test
    void aTableThatRoutesAsTheServedOneChangesNothing() throws Exception {
        router.apply(table(1, backend1));
        List<Long> workers = workerPids();

        router.apply(table(2, backend1));

        assertThat(workerPids()).isEqualTo(workers);
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("1");
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
    }

    /**
     * Scaling and rollouts only change backends: nginx is not reloaded, so its workers stay and a client's
     * kept-alive connection keeps working (old workers close them after a reload).
     */
    @Test
    void backendChangesAreServedWithoutAReloadAndKeptAliveConnectionsSurvive() throws Exception {
        router.apply(table(1, backend1));
        List<Long> workers = workerPids();
        try (KeptAliveClient client = new KeptAliveClient(listen.port())) {
            assertThat(client.get("a.localhost")).isEqualTo("backend one");

            router.apply(table(2, backend2));
            assertThat(client.get("a.localhost")).isEqualTo("backend two");

            router.apply(new RouteTable(3, List.of(new Route("a", List.of("a.localhost"), List.of()))));
            assertThat(get("a.localhost").status()).isEqualTo(503);
            assertThat(get("a.localhost").body()).isEqualTo("App a has no running web processes\n");

            router.apply(table(4, backend1));
            assertThat(client.get("a.localhost")).isEqualTo("backend one");
            assertThat(workerPids()).isEqualTo(workers);
            assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("4");
            assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.VERSION_HEADER)).isEqualTo("1");
        }

        // A new host name changes the configuration: that still takes a reload.
        router.apply(new RouteTable(5, List.of(new Route("a", List.of("a.localhost", "b.localhost"),
                List.of(new Backend("127.0.0.1", backend2.getAddress().getPort()))))));
        assertThat(workerPids()).doesNotContainAnyElementsOf(workers);
        assertThat(get("b.localhost").body()).isEqualTo("backend two");
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.VERSION_HEADER)).isEqualTo("5");
    }

    @Test
    void requestsAreSpreadRoundRobinOverTheBackends() throws Exception {
        router.apply(new RouteTable(1, List.of(new Route("a", List.of("a.localhost"), List.of(
                new Backend("127.0.0.1", backend1.getAddress().getPort()),
                new Backend("127.0.0.1", backend2.getAddress().getPort()))))));

        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(get("a.localhost").body());
        }

        assertThat(bodies).filteredOn("backend one"::equals).hasSize(5);
        assertThat(bodies).filteredOn("backend two"::equals).hasSize(5);
    }

    @Test
    void aRequestToADeadBackendIsRetriedOnAnother() throws Exception {
        try (Socket dead = Backends.deadPort()) {
            router.apply(new RouteTable(1, List.of(new Route("a", List.of("a.localhost"), List.of(
                    new Backend("127.0.0.1", dead.getLocalPort()),
                    new Backend("127.0.0.1", backend1.getAddress().getPort()))))));

            for (int i = 0; i < 10; i++) {
                HostRequest.Response response = get("a.localhost");
                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.body()).isEqualTo("backend one");
            }
        }
    }

    @Test
    void anAppWhoseOnlyBackendIsDeadAnswers502() throws Exception {
        try (Socket dead = Backends.deadPort()) {
            router.apply(new RouteTable(1, List.of(new Route("a", List.of("a.localhost"),
                    List.of(new Backend("127.0.0.1", dead.getLocalPort()))))));

            assertThat(get("a.localhost").status()).isEqualTo(502);
        }
    }

    /**
     * nginx makes the socket itself mode 0666: its directory must keep other users out. The master binds the socket
     * and the workers, which run as nobody when the master is root, serve it through the inherited descriptor.
     */
    @Test
    void theControlSocketIsInADirectoryOnlyItsOwnerCanEnter() throws Exception {
        Path socket = NginxRouter.controlSocket(dir.resolve("nginx"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent(),
                LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");
        assertThat(Files.getOwner(socket.getParent())).isEqualTo(Files.getOwner(dir));

        router.apply(table(1, backend1));

        assertThat(get("a.localhost").body()).isEqualTo("backend one");
        if (ProcessHandle.current().info().user().orElse("").equals("root")) {
            long master = Long.parseLong(Files.readString(dir.resolve("nginx/nginx.pid")).trim());
            assertThat(ProcessHandle.of(master).orElseThrow().children().map(w -> w.info().user().orElse("?")))
                    .isNotEmpty().doesNotContain("root");
        }
    }

    /** The socket does not trust its input: one malformed line rejects the whole table and nothing changes. */
    @Test
    void aMalformedBackendTableIsRejectedWholeAndTheServedBackendsStay() throws Exception {
        router.apply(table(1, backend1));
        BackendsControl control = new BackendsControl(NginxRouter.controlSocket(dir.resolve("nginx")));
        String good = "app a 127.0.0.1:" + backend2.getAddress().getPort() + "\n";
        for (String bad : List.of("app A 127.0.0.1:80\n", "app -a 127.0.0.1:80\n", "app a- 127.0.0.1:80\n",
                "app " + "a".repeat(64) + " 127.0.0.1:80\n", "app a:b 127.0.0.1:80\n", "app b evil.example:80\n",
                "app b 127.0.0.1\n", "app b 127.0.0.1:0\n", "app b 127.0.0.1:65536\n", "app b 256.0.0.1:80\n",
                "app b 127.0.0.1:80;\n", "app b [::1]\n", "app b [zz]:80\n", "app\n", "upstream x\n")) {
            assertThatThrownBy(() -> control.replace(2, good + bad)).as(bad)
                    .isInstanceOf(IOException.class).hasMessageContaining(" 400 ");
        }
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("1");

        // What Names.backend renders is taken, bracketed IPv6 included.
        control.replace(2, good + "app b [::1]:80 10.0.0.1:65535\napp c\n");
        assertThat(get("a.localhost").body()).isEqualTo("backend two");
    }

    /** A large platform's table is taken; one past the control server's limit is refused saying why. */
    @Test
    void largeBackendTablesAreTakenAndTooLargeOnesRefusedWithTheirSize() throws Exception {
        router.apply(table(1, backend1));
        BackendsControl control = new BackendsControl(NginxRouter.controlSocket(dir.resolve("nginx")));
        String large = fillers(7_000, 40);
        assertThat(large.length()).isGreaterThan(4 << 20);

        control.replace(2, "app a 127.0.0.1:" + backend2.getAddress().getPort() + "\n" + large);
        assertThat(get("a.localhost").body()).isEqualTo("backend two");

        String tooLarge = fillers(60_000, 40);
        assertThatThrownBy(() -> control.replace(3, tooLarge)).isInstanceOf(IOException.class)
                .hasMessageContaining(" 413 ").hasMessageContaining("(" + (tooLarge.length() + 10) + " bytes)");
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("2");
    }

    /**
     * The balancer writes its counters and resting peers on the request path; in a full backends zone such writes
     * would evict (LRU) the least recently used entries: the version, then apps' backends. They have their own zone.
     */
    @Test
    void balancingNeverEvictsWhatTheControlEndpointStored() throws Exception {
        try (Socket dead = Backends.deadPort()) {
            router.apply(new RouteTable(1, List.of(new Route("a", List.of("a.localhost"), List.of(
                    new Backend("127.0.0.1", dead.getLocalPort()),
                    new Backend("127.0.0.1", backend1.getAddress().getPort()))))));
            BackendsControl control = new BackendsControl(NginxRouter.controlSocket(dir.resolve("nginx")));
            // Fills the 10 MB zone with entries of about the size of a counter's or a resting peer's (nginx's slab
            // allocator has a free-list per size class): safe_set refuses the app that does not fit, evicting nothing.
            assertThatThrownBy(() -> control.replace(2, fillers(200_000, 1))).isInstanceOf(IOException.class)
                    .hasMessageContaining(" 500 ");

            for (int i = 0; i < 10; i++) {
                HostRequest.Response response = get("a.localhost");
                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.body()).isEqualTo("backend one");
            }
            assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("1");
        }
    }

    @Test
    void aConfigurationNginxRejectsNeverReplacesTheWorkingOne() throws Exception {
        router.apply(table(1, backend1));
        Path routes = dir.resolve("nginx/routes.conf");
        String working = Files.readString(routes);

        String broken = "server { listen " + listen + "; no_such_directive on; }\n";
        assertThat(router.swap(new RenderedRoutes(broken, "", List.of(), ""))).isFalse();

        assertThat(Files.readString(routes)).isEqualTo(working);
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
        router.apply(table(2, backend2));
        assertThat(get("a.localhost").body()).isEqualTo("backend two");
    }

    @Test
    void anAppThatWouldBreakTheConfigurationIsLeftOutNotServedBroken() throws Exception {
        router.apply(new RouteTable(1, List.of(
                new Route("a", List.of("a.localhost", "x".repeat(63) + "." + "y".repeat(63) + "." + "z".repeat(63)),
                        List.of(new Backend("127.0.0.1", backend1.getAddress().getPort()))),
                new Route("evil", List.of("evil.localhost; }"), List.of()))));

        assertThat(get("a.localhost").body()).isEqualTo("backend one");
        assertThat(get("x".repeat(63) + "." + "y".repeat(63) + "." + "z".repeat(63)).body()).isEqualTo("backend one");
        assertThat(Files.readString(dir.resolve("nginx/routes.conf"))).as("the malformed route is left out")
                .doesNotContain("evil");
        HostRequest.Response evil = get("evil.localhost");
        assertThat(evil.status()).isEqualTo(404);
        assertThat(evil.body()).isEqualTo("No app is routed here\n");
    }

    @Test
    void aRestartedRouterAdoptsTheRunningNginxAndKeepsItsRoutes() throws Exception {
        router.apply(table(1, backend1));
        long pid = Long.parseLong(Files.readString(dir.resolve("nginx/nginx.pid")).trim());

        NginxRouter restarted = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen);
        restarted.start();

        assertThat(Long.parseLong(Files.readString(dir.resolve("nginx/nginx.pid")).trim())).isEqualTo(pid);
        assertThat(get("a.localhost").body()).isEqualTo("backend one");
    }

    /** After a reboot or an nginx crash the shared dict starts empty: start() fills it from the last table taken. */
    @Test
    void aColdStartServesTheLastBackendsWithoutANewTable() throws Exception {
        router.apply(table(1, backend1));
        router.apply(table(2, backend2));
        router.stop();

        NginxRouter restarted = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen);
        restarted.start();

        assertThat(get("a.localhost").body()).isEqualTo("backend two");
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("2");
    }

    @Test
    void applyStartsNginxAgainWhenItIsGone() throws Exception {
        router.stop();

        router.apply(table(1, backend1));

        assertThat(get("a.localhost").body()).isEqualTo("backend one");
    }

    /**
     * A master killed with SIGKILL leaves its workers serving on the listening sockets: before they were stopped, no
     * new nginx could bind the port, so no table was applied again and the next rollout was never routed.
     */
    @Test
    void afterItsMasterIsKilledNewTablesAreServedAgain() throws Exception {
        router.apply(table(1, backend1));
        List<Long> orphans = killMaster();

        router.apply(table(2, backend2));

        assertThat(get("a.localhost").body()).isEqualTo("backend two");
        assertThat(orphans).allMatch(pid -> ProcessHandle.of(pid).map(p -> !serving(p)).orElse(true));
    }

    @Test
    void ensureRunningStartsAKilledNginxAgainWithItsLastBackends() throws Exception {
        router.apply(table(1, backend1));
        router.apply(table(2, backend2));
        assertThat(router.ensureRunning()).isFalse();
        killMaster();

        assertThat(router.ensureRunning()).isTrue();

        assertThat(get("a.localhost").body()).isEqualTo("backend two");
        assertThat(get(Names.PROBE_HOST).header(RoutesRenderer.BACKENDS_VERSION_HEADER)).isEqualTo("2");
        assertThat(router.ensureRunning()).isFalse();
    }

    @Test
    void applyFailsWhenNginxCannotServeTheTable() throws Exception {
        router.stop();
        try (var taken = new java.net.ServerSocket(listen.port(), 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> router.apply(table(1, backend1))).isInstanceOf(IOException.class);
        }
    }

    /** SIGKILLs nginx's master as a crash or the OOM killer would; returns its workers, which live on. */
    private List<Long> killMaster() throws Exception {
        List<Long> workers = workerPids();
        long master = Long.parseLong(Files.readString(dir.resolve("nginx/nginx.pid")).trim());
        ProcessHandle handle = ProcessHandle.of(master).orElseThrow();
        new ProcessBuilder("kill", "-KILL", Long.toString(master)).start().waitFor();
        handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        return workers;
    }

    /** The workers serving now; those from before a reload may still be finishing ("shutting down"). */
    private List<Long> workerPids() throws IOException {
        long master = Long.parseLong(Files.readString(dir.resolve("nginx/nginx.pid")).trim());
        return ProcessHandle.of(master).orElseThrow().children().filter(NginxRouterTest::serving)
                .map(ProcessHandle::pid).sorted().toList();
    }

    private static boolean serving(ProcessHandle worker) {
        try {
            String title = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline"));
            return !title.isEmpty() && !title.contains("shutting down");
        } catch (IOException gone) {
            return false;
        }
    }

    private HostRequest.Response get(String host) throws IOException {
        return HostRequest.get("127.0.0.1", listen.port(), host, "/");
    }

    /** Lines for apps without routes, each with {@code peers} backends of about 20 bytes. */
    private static String fillers(int apps, int peers) {
        StringBuilder out = new StringBuilder();
        for (int app = 0; app < apps; app++) {
            out.append("app filler-").append(app);
            for (int peer = 0; peer < peers; peer++) {
                out.append(" 10.").append(app % 250).append('.').append(peer).append(".1:65535");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static RouteTable table(long version, HttpServer backend) {
        return new RouteTable(version, List.of(new Route("a", List.of("a.localhost"),
                List.of(new Backend("127.0.0.1", backend.getAddress().getPort())))));
    }
}
