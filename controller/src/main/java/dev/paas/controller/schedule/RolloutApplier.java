package dev.paas.controller.schedule;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.paas.controller.app.AppRepository;
import dev.paas.controller.release.Release;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries out a {@link RolloutPlan}'s actions inside the caller's transaction (which holds the app's lock): on the
 * containers' rows, and on the release and app entities the snapshot was read from; the caller bumps the change
 * feed after the commit. It decides nothing.
 */
@Component
class RolloutApplier {

    private final JdbcTemplate jdbc;
    private final AppRepository apps;
    /** Release id to the feed version at which all its containers were first seen up (see {@link RolloutAction.Switched}). */
    private final Map<Long, Long> switchedAt = new ConcurrentHashMap<>();

    RolloutApplier(JdbcTemplate jdbc, AppRepository apps) {
        this.jdbc = jdbc;
        this.apps = apps;
    }

    /** What the snapshot gives the plan: kept in memory, so after a restart the routers are asked once more. */
    Map<Long, Long> switchedAt() {
        return Map.copyOf(switchedAt);
    }

    /**
     * Answers whether anything was written, i.e. whether the change feed should move. Containers are written with
     * plain statements on the columns an action changes (the rollout reads them as columns, not entities): the old
     * containers of a rollout to 1,000 nodes are deleted in one statement.
     */
    boolean apply(List<RolloutAction> actions, Map<Long, Release> releases) {
        boolean written = false;
        List<Long> deleted = new ArrayList<>();
        for (RolloutAction action : actions) {
            if (action instanceof RolloutAction.HandOver a) {
                if (a.originalId() != null) {
                    // retiring from the first version it left the table; a container already retiring keeps its own
                    jdbc.update("UPDATE containers SET retiring_since = ? WHERE id = ? AND retiring_since IS NULL",
                            a.version(), a.originalId());
                }
                jdbc.update("UPDATE containers SET replaces_id = NULL WHERE id = ?", a.replacementId());
                written = true;
            } else if (action instanceof RolloutAction.Delete a) {
                deleted.add(a.containerId());
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
        if (!deleted.isEmpty()) {
            jdbc.update(con -> {
                PreparedStatement delete = con.prepareStatement("DELETE FROM containers WHERE id = ANY (?)");
                delete.setArray(1, con.createArrayOf("bigint", deleted.toArray()));
                return delete;
            });
        }
        return written;
    }
}
