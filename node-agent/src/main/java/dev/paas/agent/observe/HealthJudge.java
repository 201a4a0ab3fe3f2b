package dev.paas.agent.observe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.paas.api.DesiredContainer;
import dev.paas.api.HealthCheck;
import dev.paas.api.ObservedContainer;

/**
 * Decides "up" for running containers whose process type has an HTTP health check. A failed check counts as
 * an attempt at most once a second (the agent looks more often while containers start); a container that
 * used up its attempts without ever passing is unhealthy, and the controller fails its release. One that
 * passed once and fails later is only "starting" again: it leaves the route table until it passes.
 */
final class HealthJudge {

    private static final long ATTEMPT_SPACING_NANOS = 1_000_000_000L;

    private record Attempts(int failed, long lastNanos) {
    }

    private final HttpProbe probe;
    private final LongSupplier clock;
    private volatile Map<String, HealthCheck> checks = Map.of();
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Set<String> passedOnce = ConcurrentHashMap.newKeySet();

    HealthJudge(HttpProbe probe, LongSupplier clock) {
        this.probe = probe;
        this.clock = clock;
    }

    void expect(List<DesiredContainer> desired) {
        Map<String, HealthCheck> next = new HashMap<>();
        desired.stream().filter(d -> d.healthCheck() != null).forEach(d -> next.put(d.name(), d.healthCheck()));
        checks = Map.copyOf(next);
        attempts.keySet().retainAll(next.keySet());
        passedOnce.retainAll(next.keySet());
    }

    /** The check for the container, or null when it has none (its port decides). */
    HealthCheck checkFor(String name) {
        return checks.get(name);
    }

    String judge(String name, String ip, int port, HealthCheck check) {
        if (probe.healthy(ip, port, check)) {
            passedOnce.add(name);
            attempts.remove(name);
            return ObservedContainer.UP;
        }
        if (passedOnce.contains(name)) {
            return ObservedContainer.STARTING;
        }
        long now = clock.getAsLong();
        Attempts next = attempts.compute(name, (n, a) -> a == null ? new Attempts(1, now)
                : now - a.lastNanos() >= ATTEMPT_SPACING_NANOS ? new Attempts(a.failed() + 1, now) : a);
        return next.failed() >= check.attempts() ? ObservedContainer.UNHEALTHY : ObservedContainer.STARTING;
    }
}
