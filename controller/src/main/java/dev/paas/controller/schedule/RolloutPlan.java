package dev.paas.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rollout's rules as one pure function: given a snapshot of apps (their current release, its fallback, their
 * containers with observed states), what the routers acknowledged, the timeout and the time, it answers the
 * {@link RolloutAction}s to take, and changes nothing itself ({@link RolloutApplier} writes them). The rules:
 * <ul>
 *     <li>a replacement (drain, restart of one type) that is up takes over: the container it replaces retires;</li>
 *     <li>a retiring container is deleted once every router serving its app acknowledged a table without it;</li>
 *     <li>a deploying release waits while its containers start; one that exits, is unhealthy or is not up within
 *     the timeout fails it, its containers are deleted, and the app's config goes back to the fallback's (the
 *     release that keeps serving);</li>
 *     <li>once every new container is up the route table switches to them (it reads the same rows); the rollout
 *     notes the feed version of that moment, and once every router acknowledged it the old containers are deleted,
 *     older releases still deploying are replaced, and the release succeeds.</li>
 * </ul>
 */
public final class RolloutPlan {

    private RolloutPlan() {
    }

    /** What the plan may ask of the routers: whether every live one serving the formation has seen {@code version}. */
    public interface Acks {
        boolean allAcknowledged(long version, Long formationId);
    }

    /**
     * @param feedVersion the change feed's version now: the table version a container retiring now leaves
     * @param switchedAt  release id to the feed version at which all its containers were first seen up
     */
    public record Snapshot(Instant now, long feedVersion, Duration timeout, Acks acks, Map<Long, Long> switchedAt,
                           List<AppState> apps) {
    }

    /**
     * @param formationId null once the app is gone (every router then counts)
     * @param current     its newest release that has not failed, or null
     * @param fallback    the release that becomes current if {@code current} fails, or null
     * @param deploying   every release of the app still deploying, the current one included
     */
    public record AppState(long appId, Long formationId, ReleaseState current, ReleaseState fallback,
                           List<ReleaseState> deploying, List<ContainerState> containers) {
    }

    public record ReleaseState(long id, int version, boolean deploying, Instant createdAt, Map<String, String> config) {
    }

    /**
     * @param retiringSince the feed version from which it is out of the route table, or null
     * @param replacesId    the container it takes over from once up, or null
     */
    public record ContainerState(long id, long releaseId, String processType, int index, String state, boolean up,
                                 Instant stateSince, Long retiringSince, Long replacesId) {

        String label() {
            return processType + "." + index;
        }
    }

    public static List<RolloutAction> plan(Snapshot snapshot) {
        List<RolloutAction> actions = new ArrayList<>();
        for (AppState app : snapshot.apps()) {
            Set<Long> deleted = new HashSet<>();
            handOver(app, snapshot, actions);
            retired(app, snapshot, actions, deleted);
            rollout(app, snapshot, actions, deleted);
        }
        return actions;
    }

    private static void handOver(AppState app, Snapshot snapshot, List<RolloutAction> actions) {
        Set<Long> ids = new HashSet<>();
        app.containers().forEach(c -> ids.add(c.id()));
        for (ContainerState c : app.containers()) {
            if (c.replacesId() != null && c.up()) {
                Long original = ids.contains(c.replacesId()) ? c.replacesId() : null;
                actions.add(new RolloutAction.HandOver(c.id(), original, snapshot.feedVersion()));
            }
        }
    }

    private static void retired(AppState app, Snapshot snapshot, List<RolloutAction> actions, Set<Long> deleted) {
        for (ContainerState c : app.containers()) {
            // The first table after it began retiring no longer has it.
            if (c.retiringSince() != null && snapshot.acks().allAcknowledged(c.retiringSince() + 1, app.formationId())) {
                actions.add(new RolloutAction.Delete(c.id()));
                deleted.add(c.id());
            }
        }
    }

    private static void rollout(AppState app, Snapshot snapshot, List<RolloutAction> actions, Set<Long> deleted) {
        ReleaseState current = app.current();
        if (current == null || !current.deploying()) {
            return;
        }
        List<ContainerState> fresh = app.containers().stream().filter(c -> c.releaseId() == current.id()).toList();
        RolloutDecision decision = RolloutDecision.decide(fresh.stream()
                        .map(c -> new RolloutDecision.Observed(c.label(), c.state(),
                                Duration.between(c.stateSince(), snapshot.now())))
                        .toList(),
                Duration.between(current.createdAt(), snapshot.now()), snapshot.timeout());
        if (decision instanceof RolloutDecision.Fail fail) {
            fresh.stream().filter(c -> !deleted.contains(c.id())).forEach(c -> actions.add(new RolloutAction.Delete(c.id())));
            actions.add(new RolloutAction.Fail(current.id(), "v" + current.version() + " failed: " + fail.reason()));
            if (app.fallback() != null) {
                // The next change starts from what serves, not from the config that failed.
                actions.add(new RolloutAction.RevertConfig(app.appId(), app.fallback().config()));
            }
            return;
        }
        if (decision instanceof RolloutDecision.Wait) {
            return;
        }
        Long since = snapshot.switchedAt().get(current.id());
        if (since == null) {
            since = snapshot.feedVersion();
            actions.add(new RolloutAction.Switched(current.id(), since));
        }
        if (!snapshot.acks().allAcknowledged(since, app.formationId())) {
            return;
        }
        Set<Long> old = new LinkedHashSet<>();
        app.containers().stream().filter(c -> c.releaseId() != current.id() && !deleted.contains(c.id()))
                .forEach(c -> old.add(c.id()));
        old.forEach(id -> actions.add(new RolloutAction.Delete(id)));
        app.deploying().stream().filter(r -> r.version() < current.version())
                .forEach(r -> actions.add(new RolloutAction.Replaced(r.id(), current.version())));
        actions.add(new RolloutAction.Succeed(current.id()));
    }
}
