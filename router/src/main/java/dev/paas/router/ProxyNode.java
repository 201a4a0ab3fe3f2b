package dev.paas.router;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.paas.api.NodeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router is a node of a formation's proxy layer: it registers (a join token names the formation and layer; with the
 * cluster's node token it is a proxy node of the default formation that serves every formation) and heartbeats, so
 * {@code paas nodes} lists it, up or down, beside the runtime nodes. The registration answers the credential that the
 * router presents for everything else: a token only registers. A refused token ends the process with the controller's
 * reason: retrying cannot fix it. A registration the controller defers (the node still looks live after a restart) is
 * retried.
 */
final class ProxyNode implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProxyNode.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** A registration the controller deferred (423: it heard from this node moments ago) is tried again this soon. */
    private static final Duration DEFERRED_RETRY = Duration.ofSeconds(1);

    private final ControllerClient controller;
    private final NodeRegistration registration;
    private final Duration heartbeat;
    private final CountDownLatch firstRegistration = new CountDownLatch(1);

    ProxyNode(ControllerClient controller, String name, String address) {
        this(controller, name, address, HEARTBEAT);
    }

    ProxyNode(ControllerClient controller, String name, String address, Duration heartbeat) {
        this.controller = controller;
        this.registration = new NodeRegistration(name, address, null, "proxy", 0);
        this.heartbeat = heartbeat;
    }

    /** Blocks until the first registration succeeded: until then the router has no credential to read routes with. */
    void awaitRegistration() throws InterruptedException {
        firstRegistration.await();
    }

    @Override
    public void run() {
        boolean registered = false;
        while (!Thread.currentThread().isInterrupted()) {
            Duration pause = heartbeat;
            try {
                if (!registered || controller.mustRegisterAgain()) {
                    controller.register(registration);
                    registered = true;
                    firstRegistration.countDown();
                    log.info("joined as proxy node {}", registration.name());
                } else {
                    controller.heartbeat(registration.name());
                }
            } catch (ControllerClient.RefusedException e) {
                log.error("The controller refused this router's join token: {}", e.getMessage());
                System.err.println("The controller refused this router's join token: " + e.getMessage());
                System.exit(1);
            } catch (IOException e) {
                // The controller may be restarting (a refused connection has no message); a node it forgot (404)
                // registers again.
                String message = String.valueOf(e.getMessage());
                registered = registered && !message.contains(" 404: ");
                if (message.contains(" answered 423: ")) {
                    pause = DEFERRED_RETRY;
                }
                log.warn("proxy node heartbeat failed: {}", e.toString());
            } catch (RuntimeException e) {
                // Never let one bad answer end the heartbeat: the router would show as down while it serves.
                log.warn("proxy node heartbeat failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
