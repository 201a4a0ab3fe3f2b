package dev.paas.router;

import java.io.IOException;
import java.time.Duration;

import dev.paas.api.NodeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router started with a join token is a node of its formation's proxy layer: it registers (the token names the
 * formation and layer) and heartbeats, so {@code paas nodes} lists it, up or down, beside the runtime nodes.
 * A refused token ends the process with the controller's reason: retrying cannot fix it.
 */
final class ProxyNode implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProxyNode.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final ControllerClient controller;
    private final NodeRegistration registration;

    ProxyNode(ControllerClient controller, String name, String address) {
        this.controller = controller;
        this.registration = new NodeRegistration(name, address, null, null, 0);
    }

    @Override
    public void run() {
        boolean registered = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!registered || controller.mustRegisterAgain()) {
                    controller.register(registration);
                    registered = true;
                    log.info("joined as proxy node {}", registration.name());
                } else {
                    controller.heartbeat(registration.name());
                }
            } catch (ControllerClient.RefusedException e) {
                log.error("The controller refused this router's join token: {}", e.getMessage());
                System.err.println("The controller refused this router's join token: " + e.getMessage());
                System.exit(1);
            } catch (IOException e) {
                // The controller may be restarting; a node it forgot (404) registers again.
                registered = registered && !e.getMessage().contains(" 404: ");
                log.warn("proxy node heartbeat failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(HEARTBEAT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
