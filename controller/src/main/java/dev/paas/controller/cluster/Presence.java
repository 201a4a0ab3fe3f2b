package dev.paas.controller.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which controllers are alive: each holds a session advisory lock of its own, {@code (}{@link #LOCK_CLASS}{@code ,}
 * {@link ClusterId#key()}{@code )}, on its leader-lock connection ({@link Leadership} takes it). When a controller's
 * process dies, PostgreSQL ends its session and the lock is gone; no timer, no heartbeat row. {@link #live} reads the
 * locks held in this database from {@code pg_locks} (readable by any role).
 */
public final class Presence {

    /** The first key of every presence lock ("pres" in ASCII); the two-key form never meets the leader's one-key lock. */
    static final int LOCK_CLASS = 0x70726573;

    private Presence() {
    }

    /** Takes this controller's presence lock on {@code connection}; false if some session holds it already. */
    public static boolean take(Connection connection, ClusterId id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setQueryTimeout(5);
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, id.key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The ids of the controllers whose presence lock is held now, in this database. */
    public static Set<String> live(JdbcTemplate jdbc) {
        return new HashSet<>(jdbc.query("SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND objsubid = 2 AND classid::bigint = ?"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                (rs, n) -> ClusterId.ofKey((int) rs.getLong(1)).value(), (long) LOCK_CLASS));
    }
}
