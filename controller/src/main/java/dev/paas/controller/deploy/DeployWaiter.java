package dev.paas.controller.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Rollout;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Follows a release's containers until it serves, reporting each state change to the pusher. */
@Component
class DeployWaiter {

    private final ChangeFeed feed;
    private final Rollout rollout;
    private final ContainerRepository containers;

    DeployWaiter(ChangeFeed feed, Rollout rollout, ContainerRepository containers) {
        this.feed = feed;
        this.rollout = rollout;
        this.containers = containers;
    }

    /**
     * True once the release serves and the previous one is retired; false if it failed (see
     * {@link Rollout#failure}) or the timeout passed first.
     */
    boolean awaitLive(Release release, Duration timeout, Consumer<String> out) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> reported = new HashMap<>();
        long version = feed.version();
        while (System.nanoTime() < deadline) {
            reportChanges(release, reported, out);
            if (rollout.isLive(release.getId())) {
                return true;
            }
            if (rollout.failure(release.getId()).isPresent()) {
                return false;
            }
            version = feed.awaitChange(version, Duration.ofMillis(500));
        }
        return false;
    }

    /** Why the release's rollout failed, once it has. */
    java.util.Optional<String> failure(Release release) {
        return rollout.failure(release.getId());
    }

    @Transactional(readOnly = true)
    void reportChanges(Release release, Map<String, String> reported, Consumer<String> out) {
        for (Container c : containers.findByAppIdOrderByName(release.getAppId())) {
            if (!c.getRelease().getId().equals(release.getId())) {
                continue;
            }
            String label = c.getProcessType() + "." + c.getIndex();
            String state = c.getObservedState();
            if (!state.equals(reported.put(label, state))) {
                out.accept("       " + label + " " + state + " on " + c.getNode().getName());
            }
        }
    }
}
