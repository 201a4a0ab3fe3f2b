package dev.paas.controller.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored custom domains; plain SQL, since a domain is a value (a host name owned by an app), not an entity. */
@Repository
public class Domains {

    /** A custom domain of an app. */
    public record Domain(String hostname, String createdBy, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    Domains(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The app's custom domains, by name. */
    public List<Domain> forApp(Long appId) {
        return jdbc.query("SELECT hostname, created_by, created_at FROM domains WHERE app_id = ? ORDER BY hostname",
                (rs, i) -> new Domain(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), appId);
    }

    /** App id to its custom host names (sorted), for every app that has any. */
    public Map<Long, List<String>> all() {
        Map<Long, List<String>> byApp = new HashMap<>();
        jdbc.query("SELECT app_id, hostname FROM domains ORDER BY hostname",
                rs -> {
                    byApp.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        return byApp;
    }

    /** The name of the app that has {@code hostname} as a custom domain. */
    Optional<String> owner(String hostname) {
        return jdbc.query("SELECT a.name FROM domains d JOIN apps a ON a.id = d.app_id WHERE d.hostname = ?",
                (rs, i) -> rs.getString(1), hostname).stream().findFirst();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when another request took the name first */
    Domain add(Long appId, String hostname, String createdBy) {
        Instant now = Instant.now();
        jdbc.update("INSERT INTO domains (app_id, hostname, created_by, created_at) VALUES (?, ?, ?, ?)",
                appId, hostname, createdBy, Timestamp.from(now));
        return new Domain(hostname, createdBy, now);
    }

    /** Whether the app had it. */
    boolean remove(Long appId, String hostname) {
        return jdbc.update("DELETE FROM domains WHERE app_id = ? AND hostname = ?", appId, hostname) > 0;
    }
}
