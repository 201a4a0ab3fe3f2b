package dev.paas.controller.schedule;

import java.util.Map;

/** What {@link RolloutPlan} decides and {@link RolloutApplier} carries out. */
public sealed interface RolloutAction {

    /**
     * A replacement is up: it stops being one, and the container it replaces (null if already gone) retires from
     * feed version {@code version} on, which takes it out of the route table.
     */
    record HandOver(long replacementId, Long originalId, long version) implements RolloutAction {
    }

    /** The container leaves the desired state; its agent stops it. */
    record Delete(long containerId) implements RolloutAction {
    }

    /**
     * Every new container of the release is up, so the route table points only at them from feed version
     * {@code version} on; the rollout waits for every router to acknowledge that version.
     */
    record Switched(long releaseId, long version) implements RolloutAction {
    }

    record Succeed(long releaseId) implements RolloutAction {
    }

    /** The reason reads "vN failed: ...". */
    record Fail(long releaseId, String reason) implements RolloutAction {
    }

    /** An older release still deploying when a newer one served: it fails as replaced by that version. */
    record Replaced(long releaseId, int byVersion) implements RolloutAction {
    }

    /** The app's config becomes the one of the release that keeps serving. */
    record RevertConfig(long appId, Map<String, String> config) implements RolloutAction {
    }
}
