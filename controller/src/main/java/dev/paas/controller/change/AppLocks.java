package dev.paas.controller.change;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-app lock: a row lock on the app ({@code SELECT ... FOR UPDATE}), PostgreSQL's, so it holds across threads
 * and controllers and ends with the transaction that took it. {@link AppChanges} takes it for every change; the
 * rollout takes it without waiting; a drain and a lost node take it for each app whose containers they move.
 * Every method must run inside a transaction.
 */
@Component
public class AppLocks {

    /** Writes take milliseconds; a lock held this long means something is stuck, and the caller is told so. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;

    AppLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits (at most {@link #WAIT}, then a {@code PessimisticLockingFailureException}) for the app's lock; false
     * if the app is gone.
     */
    public boolean lock(Long appId) {
        return !lockAll(Set.of(appId)).isEmpty();
    }

    /** Locks each app in id order (so two callers never wait on each other); answers the ones that still exist. */
    public Set<Long> lockAll(Collection<Long> appIds) {
        // SET LOCAL: the bound holds for this transaction only, then the connection's default comes back.
        jdbc.execute("SET LOCAL lock_timeout = '" + WAIT.toMillis() + "ms'");
        Set<Long> locked = new LinkedHashSet<>();
        for (Long appId : new TreeSet<>(appIds)) {
            locked.addAll(jdbc.queryForList("SELECT id FROM apps WHERE id = ? FOR UPDATE", Long.class, appId));
        }
        return locked;
    }

    /**
     * For the rollout, which must never wait on a change: true if it now holds the app's lock, false if a change
     * is being written (its feed bump brings the next pass) or the app is gone.
     */
    public boolean tryLock(Long appId) {
        return !jdbc.queryForList("SELECT id FROM apps WHERE id = ? FOR UPDATE SKIP LOCKED", Long.class, appId)
                .isEmpty();
    }

    /** Whether the app's row exists (a destroyed app's containers outlive it by a moment). */
    public boolean exists(Long appId) {
        return !jdbc.queryForList("SELECT id FROM apps WHERE id = ?", Long.class, appId).isEmpty();
    }
}
