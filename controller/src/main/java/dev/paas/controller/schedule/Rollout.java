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

    private final ContainerRepository containers;
    private final ReleaseRepository releases;
    private final RouterAcks routers;
    private final AppLocks locks;
    private final RolloutApplier applier;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final Duration timeout;
    private final Leadership leadership;
    private final CoalescingRunner soon = new CoalescingRunner("rollout", this::progress);

    Rollout(ContainerRepository containers, ReleaseRepository releases, RouterAcks routers, AppLocks locks,
            RolloutApplier applier, ChangeFeed feed, TransactionTemplate tx, JdbcTemplate jdbc,
            @Value("${paas.rollout-timeout:90s}") Duration timeout, Leadership leadership) {
        this.containers = containers;
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
        List<Container> appContainers = containers.findByAppIdOrderByName(appId);
        Map<Long, Container> byId = new HashMap<>();
        appContainers.forEach(c -> byId.put(c.getId(), c));
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
                deploying.stream().map(Rollout::state).toList(), appContainers.stream().map(Rollout::state).toList());
        List<RolloutAction> actions = RolloutPlan.plan(new RolloutPlan.Snapshot(Instant.now(), feed.version(), timeout,
                routers::allAcknowledged, applier.switchedAt(), List.of(app)));
        return applier.apply(actions, byId, byRelease);
    }

    private static RolloutPlan.ReleaseState state(Release r) {
        return r == null ? null : new RolloutPlan.ReleaseState(r.getId(), r.getVersion(),
                r.getStatus() == Release.Status.deploying, r.getCreatedAt(), r.getConfig());
    }

    private static RolloutPlan.ContainerState state(Container c) {
        return new RolloutPlan.ContainerState(c.getId(), c.getRelease().getId(), c.getProcessType(), c.getIndex(),
                c.getObservedState(), c.isUp(), c.getStateSince(), c.getRetiringSince(), c.getReplacesId());
    }
}
