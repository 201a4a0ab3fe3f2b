package dev.paas.builder.build;

import java.time.Duration;

/** The wall-clock limit of one build, started when the build starts; every step waits at most what is left. */
public final class Deadline {

    private final BuildLimits limits;
    private final long started = System.nanoTime();

    private Deadline(BuildLimits limits) {
        this.limits = limits;
    }

    public static Deadline start(BuildLimits limits) {
        return new Deadline(limits);
    }

    /** What is left of the build's time, never negative. */
    public Duration left() {
        return limits.left(started);
    }

    /** The refusal of a build over its time: say so, and name the setting. */
    public BuildFailedException exceeded() {
        return new BuildFailedException(limits.timeoutMessage());
    }

    /** @throws BuildFailedException when the build's time is up */
    public void check() throws BuildFailedException {
        if (left().isZero()) {
            throw exceeded();
        }
    }
}
