package dev.paas.router;

import java.util.List;

import dev.paas.api.PemTrust;
import dev.paas.router.access.AccessLogShipper;
import dev.paas.router.access.ServedTable;
import dev.paas.router.nginx.NginxRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of {@code paas-router}. See {@link RouterOptions} for the settings. */
public final class RouterMain {

    /** nginx's logs are rotated past this size (the renamed copy is kept until the next rotation). */
    private static final long LOG_MAX_BYTES = 64L << 20;
    private static final long WATCH_INTERVAL_MS = 1000;

    private RouterMain() {
    }

    public static void main(String[] args) {
        RouterOptions options;
        NginxRouter router;
        ControllerClient controller;
        try {
            options = RouterOptions.parse(args, System.getenv());
            if (options.controllerCa() != null) {
                // The controller client (and any HTTPS client of this process) is built after this and trusts only it.
                javax.net.ssl.SSLContext.setDefault(PemTrust.context(options.controllerCa()));
            }
            controller = new ControllerClient(options.controller(), options.token(), options.direct());
            String name = options.name();
            router = NginxRouter.create(options.nginx(), options.nginxDir(), options.listen(), options.listenHttps(),
                    id -> controller.certificate(name, id));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(RouterOptions.USAGE);
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(RouterMain.class);
        log.info("paas-router starting: {}", options);
        try {
            router.start();
        } catch (Exception e) {
            // Not fatal: every route table applied later starts nginx if it is not running.
            log.error("Could not start nginx yet, will retry (every second, and with each route table): {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Thread watchdog = new Thread(() -> watch(router, log), "nginx-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // nginx is deliberately left running when the router exits, so apps stay reachable while it restarts.
        ServedTable served = new ServedTable(router);
        ProxyNode node = new ProxyNode(controller, options.name(), options.listen().host());
        Thread proxy = new Thread(node, "proxy-node");
        proxy.setDaemon(true);
        proxy.start();
        try {
            node.awaitRegistration();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        var rotation = new AccessLogShipper.Rotation(LOG_MAX_BYTES, List.of(options.nginxDir().resolve("error.log")),
                router::reopenLogs);
        Thread access = new Thread(new AccessLogShipper(options.nginxDir().resolve("access-paas.log"), served,
                batch -> controller.logs(options.name(), batch), rotation), "access-log");
        access.setDaemon(true);
        access.start();
        new RouteSync(controller, served, options.name()).run();
    }

    /** Every second: a killed or crashed nginx is started again with its last backends (NginxRouter#ensureRunning). */
    private static void watch(NginxRouter router, Logger log) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(WATCH_INTERVAL_MS);
                if (router.ensureRunning()) {
                    log.info("nginx is running again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("Could not start nginx again, retrying: {}", e.toString());
            }
        }
    }
}
