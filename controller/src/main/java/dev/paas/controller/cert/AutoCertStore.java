package dev.paas.controller.cert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.paas.api.RouteTable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which apps have automatic certificates and how their last attempt went, the HTTP-01 challenges being validated, and
 * the platform's ACME account key (encrypted with {@link KeyCipher}, like the certificates' keys); plain SQL.
 */
@Repository
class AutoCertStore {

    /** An app's automatic-certificate row. */
    record Row(long appId, String state, int failures, Instant lastAttempt, String lastError, String enabledBy) {

        AutoCertPlan.Attempts attempts() {
            return new AutoCertPlan.Attempts(failures, lastAttempt);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("app_id"), rs.getString("state"),
            rs.getInt("failures"), instant(rs.getTimestamp("last_attempt")), rs.getString("last_error"),
            rs.getString("enabled_by"));

    private final JdbcTemplate jdbc;
    private final KeyCipher cipher;

    AutoCertStore(JdbcTemplate jdbc, KeyCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** False when it was enabled already. */
    boolean enable(long appId, String by) {
        return jdbc.update("INSERT INTO acme_apps (app_id, enabled_by) VALUES (?, ?) ON CONFLICT (app_id) DO NOTHING",
                appId, by) > 0;
    }

    /** False when it was not enabled. */
    @Transactional
    boolean disable(long appId) {
        jdbc.update("DELETE FROM acme_challenges WHERE app_id = ?", appId);
        return jdbc.update("DELETE FROM acme_apps WHERE app_id = ?", appId) > 0;
    }

    Optional<Row> find(long appId) {
        return jdbc.query("SELECT * FROM acme_apps WHERE app_id = ?", ROW, appId).stream().findFirst();
    }

    List<Row> all() {
        return jdbc.query("SELECT * FROM acme_apps ORDER BY app_id", ROW);
    }

    void succeeded(long appId, Instant at) {
        jdbc.update("UPDATE acme_apps SET state = 'issued', failures = 0, last_attempt = ?, last_error = NULL"
                + " WHERE app_id = ?", Timestamp.from(at), appId);
    }

    void failed(long appId, Instant at, String error) {
        jdbc.update("UPDATE acme_apps SET state = 'failed', failures = failures + 1, last_attempt = ?, last_error = ?"
                + " WHERE app_id = ?", Timestamp.from(at), error, appId);
    }

    void putChallenge(long appId, String domain, String token, String keyAuthorization) {
        jdbc.update("INSERT INTO acme_challenges (app_id, domain, token, key_authorization) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (domain, token) DO NOTHING", appId, domain, token, keyAuthorization);
    }

    /** Removes the app's challenges; true if there were any. */
    boolean removeChallenges(long appId) {
        return jdbc.update("DELETE FROM acme_challenges WHERE app_id = ?", appId) > 0;
    }

    /** Every pending challenge by app, for the route table. */
    Map<Long, List<RouteTable.AcmeChallenge>> challenges() {
        Map<Long, List<RouteTable.AcmeChallenge>> all = new HashMap<>();
        jdbc.query("SELECT app_id, domain, token, key_authorization FROM acme_challenges ORDER BY app_id, domain, token",
                rs -> {
                    all.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new RouteTable.AcmeChallenge(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return all;
    }

    /**
     * The account key pair (PEM) for this directory, made by {@code create} the first time and kept encrypted; of two
     * controllers making one at once, the first stored wins.
     */
    String accountKey(String directory, Supplier<String> create) {
        String bound = "acme-account " + directory;
        Optional<byte[]> stored = storedAccountKey(directory);
        if (stored.isEmpty()) {
            jdbc.update("INSERT INTO acme_accounts (directory, key_pair) VALUES (?, ?) ON CONFLICT (directory) DO NOTHING",
                    directory, cipher.encrypt(create.get(), bound));
            stored = storedAccountKey(directory);
        }
        return cipher.decrypt(stored.orElseThrow(), bound);
    }

    private Optional<byte[]> storedAccountKey(String directory) {
        return jdbc.queryForList("SELECT key_pair FROM acme_accounts WHERE directory = ?", byte[].class, directory)
                .stream().findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
