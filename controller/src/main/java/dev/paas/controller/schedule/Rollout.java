package dev.paas.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.route.RouterAcks;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves each app's current release (the newest that has not failed) through its rollout. It is retired into
 * service only when it serves: every one of its containers is up, and every live router has acknowledged a
 * route table at least as new as the moment that became true (from then on the table points only at the new
 * containers). Then the old containers leave the desired state and their agents stop them, so no request is
 * sent to a container that is going away. A release whose containers crash or never come up is marked failed
 * and its containers removed; the route table then falls back to the previous release, which never stopped.
 */
@Component
public class Rollout {

    private static final Logger log = LoggerFactory.getLogger(Rollout.class);

    private final ContainerRepository containers;
    private final ReleaseRepository releases;
    private final AppRepository apps;
    private final RouterAcks routers;
    private final AppChanges changes;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final Duration timeout;
    /** Release id to the feed version at which all its containers were first seen up. */
    private final Map<Long, Long> upSince = new HashMap<>();
    private final CoalescingRunner soon = new CoalescingRunner("rollout", this::progress);

    Rollout(ContainerRepository containers, ReleaseRepository releases, AppRepository apps, RouterAcks routers,
            AppChanges changes, ChangeFeed feed, TransactionTemplate tx, JdbcTemplate jdbc,
            @Value("${paas.rollout-timeout:90s}") Duration timeout) {
        this.containers = containers;
        this.releases = releases;
        this.apps = apps;
        this.routers = routers;
        this.changes = changes;
        this.feed = feed;
        this.tx = tx;
        this.jdbc = jdbc;
        this.timeout = timeout;
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
        long began = System.nanoTime();
        Boolean changed = tx.execute(status -> {
            // One read of every container, and only the apps with a release deploying: the others' current
            // release has succeeded (or they have none), so there is nothing to decide for them. This pass runs
            // after every node report and router acknowledgement, beside the route table reads of the same change.
            // Each deploying app is decided under its lock (see AppChanges), with its containers read again then,
            // so a release or scale committed since the first read is seen whole.
            List<Container> all = new ArrayList<>(containers.findAll());
            List<Release> deploying = releases.findByStatus(Release.Status.deploying);
            Map<Long, Long> formationOfApp = new HashMap<>();
            if (!deploying.isEmpty() || all.stream().anyMatch(c -> c.isRetiring() || c.getReplacesId() != null)) {
                // Not the App entities: the one whose config a failure reverts is loaded under its lock, fresh.
                jdbc.query("SELECT id, formation_id FROM apps",
                        (RowCallbackHandler) rs -> formationOfApp.put(rs.getLong(1), rs.getLong(2)));
            }
            boolean any = retire(all, formationOfApp);
            for (Long appId : deploying.stream().map(Release::getAppId).distinct().toList()) {
                // A change being written to the app is decided on in the pass its commit brings.
                if (changes.tryLock(appId)) {
                    any |= progress(appId, containers.findByAppIdOrderByName(appId), formationOfApp.get(appId));
                }
            }
            return any;
        });
        if (Boolean.TRUE.equals(changed)) {
            feed.bump();
        }
        log.debug("rollout pass in {} ms{}", (System.nanoTime() - began) / 1_000_000,
                Boolean.TRUE.equals(changed) ? ": changed" : "");
    }

    /**
     * A replacement that is up retires the container it replaces; a retiring container is removed once every
     * router serves a table without it (the first table after it began retiring), from the database and from
     * {@code all}.
     */
    private boolean retire(List<Container> all, Map<Long, Long> formationOfApp) {
        boolean changed = false;
        Map<Long, Container> byId = new HashMap<>();
        all.forEach(c -> byId.put(c.getId(), c));
        for (Container c : all) {
            if (c.getReplacesId() != null && c.isUp()) {
                Container old = byId.get(c.getReplacesId());
                if (old != null) {
                    old.retire(feed.version());
                }
                c.tookOver();
                changed = true;
            }
        }
        // The formation is null once the app is gone (containers outlive a destroy by a moment): every router counts.
        List<Container> gone = all.stream()
                .filter(c -> c.isRetiring()
                        && routers.allAcknowledged(c.getRetiringSince() + 1, formationOfApp.get(c.getAppId())))
                .toList();
        containers.deleteAll(gone);
        all.removeAll(gone);
        return changed || !gone.isEmpty();
    }

    private boolean progress(Long appId, List<Container> appContainers, Long formationId) {
        Release current = releases.current(appId).orElse(null);
        if (current == null || current.getStatus() == Release.Status.succeeded) {
            return false;
        }
        List<Container> fresh = appContainers.stream().filter(c -> c.getRelease().getId().equals(current.getId())).toList();
        List<RolloutDecision.Observed> observed = fresh.stream()
                .map(c -> new RolloutDecision.Observed(c.getProcessType() + "." + c.getIndex(), c.getObservedState(),
                        Duration.between(c.getStateSince(), Instant.now())))
                .toList();
        RolloutDecision decision = RolloutDecision.decide(observed,
                Duration.between(current.getCreatedAt(), Instant.now()), timeout);
        if (decision instanceof RolloutDecision.Fail fail) {
            containers.deleteAll(fresh);
            current.failed("v" + current.getVersion() + " failed: " + fail.reason());
            upSince.remove(current.getId());
            // The next change starts from what serves, not from the config that failed.
            releases.current(appId).ifPresent(previous ->
                    apps.findById(appId).ifPresent(app -> app.setConfig(previous.getConfig())));
            return true;
        }
        if (decision instanceof RolloutDecision.Wait) {
            return false;
        }
        long since = upSince.computeIfAbsent(current.getId(), id -> feed.version());
        if (!routers.allAcknowledged(since, formationId)) {
            return false;
        }
        containers.deleteAll(appContainers.stream().filter(c -> !c.getRelease().getId().equals(current.getId())).toList());
        for (Release older : releases.findByStatus(Release.Status.deploying)) {
            if (older.getAppId().equals(appId) && older.getVersion() < current.getVersion()) {
                older.failed("v" + older.getVersion() + " was replaced by v" + current.getVersion() + " before it served");
            }
        }
        current.succeeded();
        upSince.remove(current.getId());
        return true;
    }
}
