package dev.paas.controller.cluster;

/**
 * The leader election's one rule, pure: from whether this controller leads and what this second's look at its lock
 * connection found, whether it leads now and what changed. A lost connection always ends a term, since PostgreSQL
 * releases a session's advisory lock with the session and another controller may already hold it.
 */
public final class LeaderTerm {

    /** What one tick saw on the dedicated connection. */
    public enum Seen {
        /** {@code pg_try_advisory_lock} answered true. */
        LOCK_TAKEN,
        /** {@code pg_try_advisory_lock} answered false: another controller leads. */
        LOCK_BUSY,
        /** The leader's connection still answers (the lock lives as long as it does). */
        CONNECTION_ALIVE,
        /** The connection failed or could not be opened. */
        CONNECTION_LOST
    }

    public enum Change { NONE, BECAME_LEADER, STEPPED_DOWN }

    public record Step(boolean leader, Change change) {
    }

    private LeaderTerm() {
    }

    public static Step next(boolean leader, Seen seen) {
        boolean now = switch (seen) {
            case LOCK_TAKEN -> true;
            case LOCK_BUSY, CONNECTION_LOST -> false;
            case CONNECTION_ALIVE -> leader;
        };
        Change change = now == leader ? Change.NONE : now ? Change.BECAME_LEADER : Change.STEPPED_DOWN;
        return new Step(now, change);
    }

    /** What the next tick should ask the connection: a leader checks its connection, a standby tries the lock. */
    public static boolean triesLock(boolean leader) {
        return !leader;
    }
}
