package dev.paas.router.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.paas.api.RouteTable;
import dev.paas.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves route tables with a private nginx. Each reload makes nginx's old workers close their clients' kept-alive
 * connections, so nginx is reloaded only when the apps or their host names change; backends live in a shared dict
 * that nginx's Lua balancer reads, and the router replaces them through a control socket without a reload.
 * <ul>
 * <li>A table that routes exactly as the one served (most versions only record a container's progress): nothing.</li>
 * <li>Only backends changed (scaling, rollouts, an app going to or from zero processes): the backend table is
 * pushed; nginx answers once every worker uses it.</li>
 * <li>Otherwise the configuration is rendered to {@code routes.conf.next}, checked with {@code nginx -t}, renamed
 * over {@code routes.conf} and reloaded; a candidate nginx rejects never replaces the working file. The backends
 * are pushed first, so the new workers find a new app's backends at once.</li>
 * </ul>
 * {@link #apply} returns only once nginx serves the new version.
 */
public final class NginxRouter implements Router {

    private static final Logger log = LoggerFactory.getLogger(NginxRouter.class);
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(10);

    private final NginxProcess nginx;
    private final ListenAddress listen;
    private final BackendsControl control;
    private final RoutesRenderer renderer = new RoutesRenderer();
    /** Null when the router serves no HTTPS. */
    private final ListenAddress httpsListen;
    private final CertFiles certs;
    /** The routes nginx serves, rendered without their version; null until this router has applied a table. */
    private String servedRoutes;
    /** The backend table nginx serves; null when unknown. */
    private String servedBackends;

    NginxRouter(NginxProcess nginx, ListenAddress listen, ListenAddress httpsListen, CertificateSource source) {
        this.nginx = nginx;
        this.listen = listen;
        this.control = new BackendsControl(controlSocket(nginx.dir()));
        this.httpsListen = httpsListen;
        this.certs = new CertFiles(nginx.dir(), source);
    }

    /** A router serving plain HTTP only. */
    public static NginxRouter create(Path nginxBinary, Path dir, ListenAddress listen) {
        return create(nginxBinary, dir, listen, null, id -> {
            throw new IOException("this router serves no HTTPS");
        });
    }

    /**
     * @param https  where nginx listens for HTTPS, or null for none
     * @param source where the certificates the route table names are read (the controller)
     */
    public static NginxRouter create(Path nginxBinary, Path dir, ListenAddress listen, ListenAddress https,
                                     CertificateSource source) {
        return new NginxRouter(new NginxProcess(nginxBinary, MainConfig.checkDirectory(dir)), listen, https, source);
    }

    /**
     * Writes nginx.conf and starts nginx, or reloads the one a previous router left running. Routes that still pass
     * {@code nginx -t} are kept, and so are backends: a running nginx keeps its shared dict across the reload, and when
     * nginx has to be started (after a reboot, or nginx died) the last backend table nginx took is pushed again from
     * {@code backends.table}. So neither a router restart nor a cold nginx start makes apps answer 503 until the next
     * table arrives, however long the controller is away.
     */
    public synchronized void start() throws IOException, InterruptedException {
        Path module = Path.of(MainConfig.MODULES, "ngx_http_lua_module.so");
        if (!Files.exists(module)) {
            throw new IOException(module + " is missing: the router needs nginx's Lua module (apt-get install "
                    + "libnginx-mod-http-lua)");
        }
        Files.createDirectories(dir().resolve("lua"));
        // nginx -t binds the listen sockets too, so the directory must be there before the first check.
        prepareControlDirectory();
        for (String lua : List.of(MainConfig.LUA_MODULE, MainConfig.PAGES_MODULE)) {
            try (InputStream in = NginxRouter.class.getResourceAsStream(lua)) {
                Files.write(dir().resolve("lua").resolve(lua), in.readAllBytes());
            }
        }
        Files.writeString(nginx.mainConfig(), MainConfig.render(dir(), routes()));
        boolean keep = Files.exists(routes()) && nginx.test(nginx.mainConfig()).ok();
        if (!keep && !swap(renderer.render(new RouteTable(0, List.of()), listen, https(java.util.Set.of())))) {
            throw new IOException("nginx rejects even the empty route table; see the log above");
        }
        nginx.master().ifPresent(master ->
                log.info("Adopting the nginx already running from {} (pid {})", dir(), master.pid()));
        if (nginx.isRunning()) {
            nginx.reload();
        } else {
            startNginx();
            restoreBackends();
        }
    }

    /** Pushes the last backend table nginx took into a freshly started nginx, whose shared dict is empty. */
    private void restoreBackends() {
        Path saved = savedBackends();
        try {
            if (!Files.exists(saved)) {
                return;
            }
            String text = Files.readString(saved, StandardCharsets.US_ASCII);
            int newline = text.indexOf('\n');
            long version = Long.parseLong(text.substring(0, newline).replaceFirst("^version ", ""));
            control.replace(version, text.substring(newline + 1));
            log.info("Restored backend table v{} from {}", version, saved);
        } catch (IOException | RuntimeException e) {
            // Not fatal: the next table from the controller fills the dict.
            log.warn("Could not restore the backends from {}: {}", saved, e.toString());
        }
    }

    /**
     * Starts nginx again if its master is gone (killed, crashed), and pushes the last backend table it took: the
     * router's watchdog calls this every second, so a killed nginx is back without waiting for a new route table.
     *
     * @return true when nginx had to be started
     */
    public synchronized boolean ensureRunning() throws IOException, InterruptedException {
        if (nginx.isRunning()) {
            return false;
        }
        log.warn("nginx in {} is not running: starting it again", dir());
        startNginx();
        restoreBackends();
        return true;
    }

    @Override
    public synchronized void apply(RouteTable table) throws IOException, InterruptedException {
        List<String> unavailable = new java.util.ArrayList<>();
        java.util.Set<String> available = httpsListen == null ? java.util.Set.of()
                : certs.ensure(TlsSettings.ids(table.routes()), unavailable);
        unavailable.forEach(problem -> log.warn("Route table v{}: {}", table.version(), problem));
        RenderedRoutes rendered = renderer.render(table, listen, https(available));
        String routes = renderer.render(new RouteTable(0, table.routes()), listen, https(available)).text();
        boolean running = nginx.isRunning();
        if (routes.equals(servedRoutes) && rendered.backends().equals(servedBackends) && running) {
            log.debug("Route table v{} routes as the one served: nothing to change", table.version());
            return;
        }
        rendered.skipped().forEach(reason -> log.warn("Route table v{}: skipped {}", table.version(), reason));
        long started = System.nanoTime();
        if (routes.equals(servedRoutes) && running) {
            pushBackends(table.version(), rendered.backends());
            log.info("nginx serves route table v{} after {} ms (backends only, no reload)", table.version(),
                    millis(started, System.nanoTime()));
            return;
        }
        if (!swap(rendered)) {
            throw new IOException("nginx -t rejected the configuration for route table v" + table.version()
                    + "; the previous routes are still served");
        }
        long checked = System.nanoTime();
        servedRoutes = null;
        List<ProcessHandle> previousWorkers = nginx.workers();
        if (running) {
            // Before the reload: old workers only look up the apps they serve, new ones find every app's backends.
            pushBackends(table.version(), rendered.backends());
            nginx.reload();
        } else {
            startNginx();
            // A cold start begins with an empty dict (a running nginx keeps it across reloads).
            pushBackends(table.version(), rendered.backends());
        }
        ServedVersion.await(listen, table.version(), SERVE_TIMEOUT);
        long served = System.nanoTime();
        NginxProcess.awaitRetired(previousWorkers, SERVE_TIMEOUT);
        servedRoutes = routes;
        if (httpsListen != null) {
            // The new configuration is loaded: the files of certificates it no longer names can go.
            certs.keepOnly(available);
        }
        log.info("nginx serves route table v{} after {} ms (nginx -t {} ms, reload {} ms, old workers {} ms)",
                table.version(), millis(started, System.nanoTime()), millis(started, checked),
                millis(checked, served), millis(served, System.nanoTime()));
    }

    private RoutesRenderer.Https https(java.util.Set<String> available) {
        return httpsListen == null ? null : new RoutesRenderer.Https(httpsListen, certs.dir(), available);
    }

    private void pushBackends(long version, String backends) throws IOException {
        servedBackends = null;
        control.replace(version, backends);
        saveBackends(version, backends);
        servedBackends = backends;
    }

    /**
     * Keeps the table nginx took for {@link #start} to push after a cold start. Written aside, flushed and renamed:
     * a crash or power loss leaves the previous table or this one, never half of one.
     */
    private void saveBackends(long version, String backends) throws IOException {
        Path next = dir().resolve("backends.table.next");
        Files.writeString(next, "version " + version + "\n" + backends, StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(next, savedBackends(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path savedBackends() {
        return dir().resolve("backends.table");
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /**
     * Replaces routes.conf with the given text if, and only if, nginx accepts the result.
     *
     * @return false, with nginx's complaint logged, when the text was rejected and routes.conf left as it was
     */
    boolean swap(RenderedRoutes rendered) throws IOException, InterruptedException {
        Path candidate = dir().resolve("routes.conf.next");
        Path testConfig = dir().resolve("nginx-test.conf");
        Files.writeString(candidate, rendered.text());
        Files.writeString(testConfig, MainConfig.render(dir(), candidate));
        NginxProcess.Result check = nginx.test(testConfig);
        if (!check.ok()) {
            log.error("nginx -t rejected the new routes, keeping the current ones:\n{}", check.output());
            return false;
        }
        // Read only at a start or reload, which follows; the routes carry each page's hash, so a changed page is a
        // changed configuration and does reload.
        Path pages = dir().resolve(MainConfig.PAGES_FILE + ".next");
        Files.writeString(pages, rendered.pages(), StandardCharsets.US_ASCII);
        Files.move(pages, dir().resolve(MainConfig.PAGES_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        // rename(2) is atomic: nginx, reloading at any moment, reads the old file or the new one, never half of one.
        Files.move(candidate, routes(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Has nginx reopen its log files once they were renamed aside (log rotation). */
    public void reopenLogs() throws IOException, InterruptedException {
        nginx.reopen();
    }

    /** Stops nginx. The router itself never calls this: nginx keeps serving while the router restarts. */
    public void stop() throws IOException, InterruptedException {
        nginx.stop();
    }

    private void startNginx() throws IOException, InterruptedException {
        log.info("Starting nginx in {} listening on {}", dir(), listen);
        prepareControlDirectory();
        // Workers of a master killed with SIGKILL still hold the listening sockets, and a socket file left by an
        // nginx that did not stop cleanly would make bind() fail too.
        int orphans = nginx.stopOrphanedWorkers();
        if (orphans > 0) {
            log.warn("Stopped {} nginx processes left behind by a master that is gone", orphans);
        }
        Files.deleteIfExists(controlSocket(dir()));
        nginx.start();
    }

    /**
     * nginx creates its unix sockets with mode 0666, so whoever may open the socket file could replace any app's
     * backends; the socket's directory, mode 0700, lets only its owner (the router's user) reach it. Its mode is set
     * again at every start, in case the directory was made or changed by someone else.
     */
    private void prepareControlDirectory() throws IOException {
        Path control = controlSocket(dir()).getParent();
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        try {
            Files.createDirectory(control, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(control, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(control + " is not a directory", exists);
            }
        }
        // The umask may have narrowed the mode at creation, never widened it; set it exactly either way.
        Files.setPosixFilePermissions(control, ownerOnly);
    }

    static Path controlSocket(Path dir) {
        return dir.resolve("control").resolve("control.sock");
    }

    private Path dir() {
        return nginx.dir();
    }

    private Path routes() {
        return dir().resolve("routes.conf");
    }
}
