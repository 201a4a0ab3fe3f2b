package dev.paas.controller.route;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which route table version each router serves. Kept in memory: after a controller restart routers
 * re-acknowledge within one long poll. A router silent for longer than {@link #LIVE} no longer holds up
 * rollouts.
 *
 * <p>Which routers exist is also kept in the database ({@link KnownRouters}): a controller that starts again takes
 * the routers that were live when the previous one last heard from them as live and acknowledging nothing yet, so
 * for up to {@link #LIVE} it waits for them. Without that, a rollout resumed after a restart took a table as served
 * before any router had polled again (no router known, so all of them had acknowledged), deleted the old containers,
 * and routers that came back later (their retries back off to 30 s) sent traffic to stopped containers meanwhile. A router that joined one formation (its proxy layer) only holds up changes to that formation's apps;
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
    private final KnownRouters known;
    private volatile Relay relay = Relay.NONE;

    /** Told of each router heard by this controller, to pass on to the other controllers ({@code cluster.ClusterFeed}). */
    public interface Relay {
        Relay NONE = new Relay() {
            @Override
            public void polled(String router, Long formationId) {
            }

            @Override
            public void acknowledged(String router, long version, Long formationId) {
            }
        };

        void polled(String router, Long formationId);

        void acknowledged(String router, long version, Long formationId);
    }

    @Autowired
    RouterAcks(KnownRouters known) {
        this.known = known;
    }

    /** Knows only the routers it hears from itself. */
    RouterAcks() {
        this(KnownRouters.NONE);
    }

    /** Before any rollout runs: the routers the previous controller served with count as live from now on. */
    @PostConstruct
    void recall() {
        Instant now = Instant.now();
        known.liveWhenLastHeard(LIVE).forEach(r -> routers.putIfAbsent(r.name(), new Seen(Long.MIN_VALUE, now, r.formationId())));
    }

    void polled(String router, Long formationId) {
        known.seen(router, formationId);
        heardPolled(router, formationId);
        relay.polled(router, formationId);
    }

    void acknowledged(String router, long version, Long formationId) {
        known.seen(router, formationId);
        heardAcknowledged(router, version, formationId);
        relay.acknowledged(router, version, formationId);
    }

    public void relayTo(Relay relay) {
        this.relay = relay;
    }

    /** A router polled this controller or another one (the controller that heard it stores it). */
    public void heardPolled(String router, Long formationId) {
        routers.compute(router, (name, seen) ->
                new Seen(seen == null ? Long.MIN_VALUE : seen.version(), Instant.now(), formationId));
    }

    /**
     * A router acknowledged a table to this controller or another one. Versions only grow for a router: an
     * acknowledgement that arrives late from another controller does not take back a newer one.
     */
    public void heardAcknowledged(String router, long version, Long formationId) {
        routers.merge(router, new Seen(version, Instant.now(), formationId), (old, heard) ->
                new Seen(Math.max(old.version(), heard.version()), heard.at(), heard.formationId()));
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
