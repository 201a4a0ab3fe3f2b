package dev.paas.controller.user;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The failed sign-ins of every controller of the database (table {@code login_failures}, Flyway V39): counts per user
 * name and per source address in time buckets, which {@link LoginThrottle} reads and decides on. A failure is one
 * statement that adds one to its name's and its address's bucket (INSERT ... ON CONFLICT DO UPDATE), so failures
 * racing on several controllers are all counted. {@link LoginFailuresSweep} deletes what no longer counts.
 */
@Component
class LoginFailures {

    /**
     * Rows kept at most after a sweep, the oldest buckets deleted first: some 30 MB with their indexes, whatever names
     * a flood makes up.
     */
    static final int MAX_ROWS = 100_000;

    private final JdbcTemplate jdbc;

    LoginFailures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The buckets of {@code name} and of {@code address} that start after {@code horizon}. */
    LoginThrottle.Seen since(String name, String address, Instant horizon) {
        List<LoginThrottle.Bucket> byName = new ArrayList<>();
        List<LoginThrottle.Bucket> byAddress = new ArrayList<>();
        jdbc.query("SELECT scope, bucket, failures FROM login_failures WHERE bucket > ?"
                + " AND (scope = 'user' AND key = ? OR scope = 'address' AND key = ?)", rs -> {
                    LoginThrottle.Bucket b = new LoginThrottle.Bucket(
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getInt(3));
                    ("user".equals(rs.getString(1)) ? byName : byAddress).add(b);
                }, at(horizon), name, address);
        return new LoginThrottle.Seen(byName, byAddress);
    }

    /** Counts one failure of {@code name} from {@code address} in {@code bucket}. */
    void add(String name, String address, Instant bucket) {
        // The name's row is always locked before the address's: two controllers adding cannot deadlock.
        jdbc.update("INSERT INTO login_failures (scope, key, bucket, failures) VALUES ('user', ?, ?, 1),"
                + " ('address', ?, ?, 1) ON CONFLICT (scope, key, bucket)"
                + " DO UPDATE SET failures = login_failures.failures + 1", name, at(bucket), address, at(bucket));
    }

    /** Forgets the name's failures (a right password); its addresses keep theirs. */
    void clear(String name) {
        jdbc.update("DELETE FROM login_failures WHERE scope = 'user' AND key = ?", name);
    }

    /**
     * Deletes the buckets that start at or before {@code horizon}, then the oldest beyond {@code maxRows}; answers how
     * many rows it deleted.
     */
    int sweep(Instant horizon, int maxRows) {
        int deleted = jdbc.update("DELETE FROM login_failures WHERE bucket <= ?", at(horizon));
        List<OffsetDateTime> beyond = jdbc.queryForList("SELECT bucket FROM login_failures ORDER BY bucket DESC"
                + " OFFSET ? LIMIT 1", OffsetDateTime.class, maxRows);
        if (!beyond.isEmpty()) {
            deleted += jdbc.update("DELETE FROM login_failures WHERE bucket <= ?", beyond.get(0));
        }
        return deleted;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
