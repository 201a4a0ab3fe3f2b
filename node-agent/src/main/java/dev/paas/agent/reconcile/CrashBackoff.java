package dev.paas.agent.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spaces out restarts of a container that keeps crashing: the first restart is immediate, then 1 s, 2 s, 4 s ...
 * up to a ceiling, so a broken app costs little and its logs are readable. A container forgets its history once it
 * has stayed up for a while. Time is passed in, so tests need no sleeping.
 */
public final class CrashBackoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration CEILING = Duration.ofSeconds(60);
    private static final Duration HEALTHY_AFTER = Duration.ofSeconds(30);

    private record History(int restarts, Instant notBefore, Instant upSince) {
    }

    private final Map<String, History> histories = new HashMap<>();

    /** The plan without the restarts that are not due yet; admitted restarts are counted. */
    public synchronized List<Action> admit(List<Action> plan, Instant now) {
        return plan.stream().filter(action -> {
            if (!(action instanceof Action.Restart)) {
                return true;
            }
            History h = histories.get(action.name());
            if (h != null && now.isBefore(h.notBefore())) {
                return false;
            }
            int restarts = h == null ? 1 : h.restarts() + 1;
            histories.put(action.name(), new History(restarts, now.plus(delayAfter(restarts)), null));
            return true;
        }).toList();
    }

    /** Tells the back-off which containers are up now and which names are still desired at all. */
    public synchronized void observe(Set<String> up, Set<String> desired, Instant now) {
        histories.keySet().retainAll(desired);
        histories.replaceAll((name, h) -> {
            if (!up.contains(name)) {
                return new History(h.restarts(), h.notBefore(), null);
            }
            return h.upSince() == null ? new History(h.restarts(), h.notBefore(), now) : h;
        });
        histories.values().removeIf(h -> h.upSince() != null && !now.isBefore(h.upSince().plus(HEALTHY_AFTER)));
    }

    /** Delay before the next restart, after {@code restarts} restarts. */
    static Duration delayAfter(int restarts) {
        if (restarts >= 8) {
            return CEILING;
        }
        Duration delay = FIRST.multipliedBy(1L << (restarts - 1));
        return delay.compareTo(CEILING) > 0 ? CEILING : delay;
    }
}
