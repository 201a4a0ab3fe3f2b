package dev.paas.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.change.AppLocks;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.cluster.Leadership;
import dev.paas.controller.route.RouterAcks;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves each app's current release (the newest that has not failed) through its rollout, and retires containers
 * that leave service. Each pass finds the apps with something to do (a release deploying, a container retiring or
 * taking over), and for each one, in its own short transaction under the app's lock: reads a snapshot,
 * asks {@link RolloutPlan} what to do, has {@link RolloutApplier} write it. The rules are the plan's.
 */
@Component
public class Rollout {

    private static final Logger log = LoggerFactory.getLogger(Rollout.class);

    /** The apps a pass looks at: the others have a succeeded current release (or none) and nothing retiring. */
    private static final String WORK_SQL = """
            SELECT app_id FROM releases WHERE status = 'deploying'
            UNION SELECT app_id FROM containers WHERE retiring_since IS NOT NULL OR replaces_id IS NOT NULL
            """;

    /**
     * What the plan needs of an app's containers, as plain columns: a pass runs after every report that changed a
     * state, and loading a thousand containers with their releases as entities (and dirty-checking them at commit)
     * took most of the controller's CPU during a rollout to 1,000 nodes.
     */
    private static final String CONTAINERS_SQL = """
            SELECT id, release_id, process_type, idx, observed_state, host_port, state_since, retiring_since,
                   replaces_id
            FROM containers WHERE app_id = ? ORDER BY name
            """;

    private final ReleaseRepository releases;
    private final RouterAcks routers;
    private final AppLocks locks;
    private final RolloutApplier applier;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final Duration timeout;
    private final Leadership leadership;
    /**
     * Each report that changed a state asks for a pass: a rollout to 1,000 nodes is a thousand asks within seconds,
     * and a pass at most every 100 ms sees them all (no rollout step waits on one report) while the cores answer the
     * nodes.
     */
    private final CoalescingRunner soon = new CoalescingRunner("rollout", this::progress, Duration.ofMillis(100));

    Rollout(ReleaseRepository releases, RouterAcks routers, AppLocks locks,
            RolloutApplier applier, ChangeFeed feed, TransactionTemplate tx, JdbcTemplate jdbc,
            @Value("${paas.rollout-timeout:90s}") Duration timeout, Leadership leadership) {
        this.releases = releases;
        this.routers = routers;
        this.locks = locks;
        this.applier = applier;
        this.feed = feed;
        this.tx = tx;
        this.jdbc = jdbc;
        this.timeout = timeout;
        this.leadership = leadership;
    }

    /**
     * Runs {@link #progress()} soon on the rollout's own thread, for callers answering a node or router: the
     * report's answer (and so the agent's next report) never waits on a pass over every app.
     */
    public void progressSoon() {
        soon.request();
    }

    @PreDestroy
    void stop() {
        soon.close();
    }

    @Scheduled(fixedDelay = 1000)
    public synchronized void progress() {
        if (!leadership.isLeader()) {
            // The leader's passes decide every app's rollout; another's would only race them.
            return;
        }
        long began = System.nanoTime();
        boolean changed = false;
        for (Long appId : jdbc.queryForList(WORK_SQL, Long.class)) {
            try {
                changed |= Boolean.TRUE.equals(tx.execute(status -> progress(appId)));
            } catch (RuntimeException e) {
                // One app's failure (a destroy racing this pass, say) holds up no other app: the next pass retries it.
                log.warn("rollout of app {} failed; the next pass tries again", appId, e);
            }
        }
        if (changed) {
            feed.bump();
        }
        log.debug("rollout pass in {} ms{}", (System.nanoTime() - began) / 1_000_000, changed ? ": changed" : "");
    }

    /**
     * One app under its lock, taken without waiting: a change being written to it is decided on in the pass its
     * commit brings. A destroyed app has no row to lock, and no change can reach it any more: its last containers
     * are retired without a lock.
     */
    private boolean progress(Long appId) {
        if (!locks.tryLock(appId) && locks.exists(appId)) {
            return false;
        }
        Long formationId = jdbc.queryForList("SELECT formation_id FROM apps WHERE id = ?", Long.class, appId).stream()
                .findFirst().orElse(null);
        List<RolloutPlan.ContainerState> appContainers = jdbc.query(CONTAINERS_SQL, (rs, row) -> {
            String state = rs.getString("observed_state");
            return new RolloutPlan.ContainerState(rs.getLong("id"), rs.getLong("release_id"),
                    rs.getString("process_type"), rs.getInt("idx"), state,
                    Container.up(state, rs.getObject("host_port", Integer.class)),
                    rs.getTimestamp("state_since").toInstant(), rs.getObject("retiring_since", Long.class),
                    rs.getObject("replaces_id", Long.class));
        }, appId);
        Map<Long, Release> byRelease = new HashMap<>();
        Release current = releases.current(appId).orElse(null);
        Release fallback = null;
        List<Release> deploying = releases.findByAppIdAndStatus(appId, Release.Status.deploying);
        if (current != null && current.getStatus() == Release.Status.deploying) {
            fallback = releases.currentBefore(appId, current.getVersion()).orElse(null);
        }
        deploying.forEach(r -> byRelease.put(r.getId(), r));
        if (current != null) {
            // The same entity as in deploying when it is deploying: one persistence context.
            byRelease.put(current.getId(), current);
        }
        RolloutPlan.AppState app = new RolloutPlan.AppState(appId, formationId, state(current), state(fallback),
                deploying.stream().map(Rollout::state).toList(), appContainers);
        List<RolloutAction> actions = RolloutPlan.plan(new RolloutPlan.Snapshot(Instant.now(), feed.version(), timeout,
                routers::allAcknowledged, applier.switchedAt(), List.of(app)));
        return applier.apply(actions, byRelease);
    }

    private static RolloutPlan.ReleaseState state(Release r) {
        return r == null ? null : new RolloutPlan.ReleaseState(r.getId(), r.getVersion(),
                r.getStatus() == Release.Status.deploying, r.getCreatedAt(), r.getConfig());
    }
}
