package dev.paas.controller.route;

import java.time.Duration;
import java.util.List;

/**
 * The routers {@link RouterAcks} heard from, kept beyond the controller's life ({@link StoredRouters}: the database),
 * so that a controller starting again knows whom it has to hear from before a table counts as served.
 */
interface KnownRouters {

    /** @param formationId null for a router that serves every formation */
    record Known(String name, Long formationId) {
    }

    /** Remembers that {@code router} polled or acknowledged now (a store may skip it when it wrote one recently). */
    void seen(String router, Long formationId);

    /**
     * The routers that were live, i.e. heard from within {@code live}, when a controller last heard from any router:
     * those still serving when the previous controller stopped.
     */
    List<Known> liveWhenLastHeard(Duration live);

    /** Remembers nothing: a controller without a store waits for no router it has not heard from itself. */
    KnownRouters NONE = new KnownRouters() {
        @Override
        public void seen(String router, Long formationId) {
        }

        @Override
        public List<Known> liveWhenLastHeard(Duration live) {
            return List.of();
        }
    };
}
