package dev.paas.controller.schedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.paas.controller.app.AppRepository;
import dev.paas.controller.release.Release;
import org.springframework.stereotype.Component;

/**
 * Carries out a {@link RolloutPlan}'s actions on the entities the snapshot was read from, inside the caller's
 * transaction (which holds the app's lock); the caller bumps the change feed after the commit. It decides nothing.
 */
@Component
class RolloutApplier {

    private final ContainerRepository containers;
    private final AppRepository apps;
    /** Release id to the feed version at which all its containers were first seen up (see {@link RolloutAction.Switched}). */
    private final Map<Long, Long> switchedAt = new ConcurrentHashMap<>();

    RolloutApplier(ContainerRepository containers, AppRepository apps) {
        this.containers = containers;
        this.apps = apps;
    }

    /** What the snapshot gives the plan: kept in memory, so after a restart the routers are asked once more. */
    Map<Long, Long> switchedAt() {
        return Map.copyOf(switchedAt);
    }

    /** Answers whether anything was written, i.e. whether the change feed should move. */
    boolean apply(List<RolloutAction> actions, Map<Long, Container> byId, Map<Long, Release> releases) {
        boolean written = false;
        for (RolloutAction action : actions) {
            if (action instanceof RolloutAction.HandOver a) {
                if (a.originalId() != null) {
                    byId.get(a.originalId()).retire(a.version());
                }
                byId.get(a.replacementId()).tookOver();
                written = true;
            } else if (action instanceof RolloutAction.Delete a) {
                containers.delete(byId.get(a.containerId()));
                written = true;
            } else if (action instanceof RolloutAction.Switched a) {
                switchedAt.put(a.releaseId(), a.version());
            } else if (action instanceof RolloutAction.Succeed a) {
                releases.get(a.releaseId()).succeeded();
                switchedAt.remove(a.releaseId());
                written = true;
            } else if (action instanceof RolloutAction.Fail a) {
                releases.get(a.releaseId()).failed(a.reason());
                switchedAt.remove(a.releaseId());
                written = true;
            } else if (action instanceof RolloutAction.Replaced a) {
                releases.get(a.releaseId()).replacedBy(a.byVersion());
                switchedAt.remove(a.releaseId());
                written = true;
            } else if (action instanceof RolloutAction.RevertConfig a) {
                apps.findById(a.appId()).ifPresent(app -> app.setConfig(a.config()));
                written = true;
            }
        }
        return written;
    }
}
