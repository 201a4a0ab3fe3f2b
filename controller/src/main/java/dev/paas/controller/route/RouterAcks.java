package dev.paas.controller.route;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Which route table version each router serves. Kept in memory: after a controller restart routers
 * re-acknowledge within one long poll. A router silent for longer than {@link #LIVE} no longer holds up
 * rollouts. A router that joined one formation (its proxy layer) only holds up changes to that formation's apps;
 * one started with the cluster's node token serves every app, so it holds up all of them.
 */
@Component
public class RouterAcks {

    static final Duration LIVE = Duration.ofSeconds(45);

    /** {@code formationId} null: the router serves every formation. */
    private record Seen(long version, Instant at, Long formationId) {

        boolean serves(long formation) {
            return formationId == null || formationId == formation;
        }
    }

    private final Map<String, Seen> routers = new ConcurrentHashMap<>();

    void polled(String router, Long formationId) {
        routers.compute(router, (name, seen) ->
                new Seen(seen == null ? Long.MIN_VALUE : seen.version(), Instant.now(), formationId));
    }

    void acknowledged(String router, long version, Long formationId) {
        routers.put(router, new Seen(version, Instant.now(), formationId));
    }

    /**
     * True when every live router that serves the formation's apps serves a table at least as new as
     * {@code version}; {@code formationId} null counts every live router (e.g. an app already destroyed).
     */
    public boolean allAcknowledged(long version, Long formationId) {
        Instant liveSince = Instant.now().minus(LIVE);
        return routers.values().stream()
                .filter(s -> s.at().isAfter(liveSince) && (formationId == null || s.serves(formationId)))
                .allMatch(s -> s.version() >= version);
    }

    /** Waits until {@link #allAcknowledged} or the timeout passes; answers which. */
    public boolean awaitAcknowledged(long version, Long formationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allAcknowledged(version, formationId)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
