package dev.paas.controller.schedule;

import java.time.Duration;
import java.util.List;

/**
 * What a rollout does next, decided from its new containers' observed states alone, so it can be tested
 * without a database: wait, fail (with a reason a person can act on), or go ahead and switch traffic.
 */
public sealed interface RolloutDecision {

    record Wait() implements RolloutDecision {
    }

    record Fail(String reason) implements RolloutDecision {
    }

    record Ready() implements RolloutDecision {
    }

    /** A new container as the rollout sees it: {@code web.1}, its observed state and for how long. */
    record Observed(String label, String state, Duration inState) {
        Observed(String label, String state) {
            this(label, state, Duration.ZERO);
        }
    }

    /**
     * How long a new container must have been seen exited before that counts as a crash: an agent may report
     * a container in the moment between its create and its start, which looks the same.
     */
    Duration EXIT_GRACE = Duration.ofSeconds(5);

    /**
     * A new container that stays exited before the release serves fails the release: it crashed on start and
     * would only crash-loop (the agent's back-off soon keeps it exited for longer than {@link #EXIT_GRACE}).
     * One that is still not up when the timeout passes fails it too.
     */
    static RolloutDecision decide(List<Observed> fresh, Duration age, Duration timeout) {
        for (Observed c : fresh) {
            if (c.state().equals("exited") && c.inState().compareTo(EXIT_GRACE) >= 0) {
                return new Fail(c.label() + " exited before it became healthy: see 'paas logs'");
            }
            if (c.state().equals("unhealthy")) {
                return new Fail(c.label() + " failed every attempt of its health check");
            }
        }
        List<String> notUp = fresh.stream().filter(c -> !c.state().equals("up")).map(Observed::label).toList();
        if (notUp.isEmpty()) {
            return new Ready();
        }
        if (age.compareTo(timeout) > 0) {
            return new Fail("not healthy within " + timeout.toSeconds() + "s: " + String.join(", ", notUp)
                    + (notUp.size() == 1 ? " is" : " are") + " still " + fresh.stream()
                    .filter(c -> notUp.contains(c.label())).map(Observed::state).distinct().sorted()
                    .reduce((a, b) -> a + "/" + b).orElse("starting"));
        }
        return new Wait();
    }
}
