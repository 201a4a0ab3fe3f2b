package dev.paas.controller.addon;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which node runs a new add-on, decided purely: a live, undrained runtime node of the app's formation, the one
 * running the fewest add-ons (ties by name, so the choice is stable).
 */
final class AddonPlacement {

    /** A node as placement sees it. */
    record Candidate(Long id, String name, String layer, boolean drained, Instant lastHeartbeat, long addons) {
    }

    static final Duration LIVE = Duration.ofSeconds(30);

    private AddonPlacement() {
    }

    static Optional<Candidate> choose(List<Candidate> nodes, Instant now) {
        return nodes.stream()
                .filter(n -> "runtime".equals(n.layer()) && !n.drained())
                .filter(n -> n.lastHeartbeat() != null && n.lastHeartbeat().isAfter(now.minus(LIVE)))
                .min(Comparator.comparingLong(Candidate::addons).thenComparing(Candidate::name));
    }
}
