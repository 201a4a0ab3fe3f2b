package dev.paas.router;

import java.time.Duration;

import dev.paas.api.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's reconcile loop: wait for a route table newer than the one served, apply it, acknowledge it.
 * Every failure is logged and retried after a back-off; the loop ends only when its thread is interrupted.
 */
public final class RouteSync implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RouteSync.class);

    private final ControllerClient controller;
    private final Router router;
    private final String name;
    private final Duration wait;
    private final Backoff backoff;
    /** The version the router serves; null until it has applied one in this process. */
    private Long applied;

    public RouteSync(ControllerClient controller, Router router, String name) {
        this(controller, router, name, Duration.ofSeconds(20), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    RouteSync(ControllerClient controller, Router router, String name, Duration wait, Backoff backoff) {
        this.controller = controller;
        this.router = router;
        this.name = name;
        this.wait = wait;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        log.info("Router {} following the controller's route table", name);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                syncOnce();
                backoff.reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                Duration delay = backoff.next();
                log.warn("Route sync failed, retrying in {} ms: {}", delay.toMillis(), e.toString());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        log.info("Router {} stopped following the route table", name);
    }

    /**
     * One long poll. The served version is acknowledged after every poll, not only after a change: the ack doubles
     * as the router's heartbeat and lets a controller that lost track learn again what each router serves.
     */
    void syncOnce() throws Exception {
        // 0 = "nothing yet": the controller's versions start above it, so the first poll answers at once.
        RouteTable table = controller.routes(applied == null ? 0 : applied, wait);
        if (applied == null || table.version() != applied) {
            router.apply(table);
            log.info("Serving route table v{} ({} apps)", table.version(),
                    table.routes() == null ? 0 : table.routes().size());
            applied = table.version();
        }
        controller.acknowledge(name, applied);
    }
}
