package dev.paas.controller.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.HealthCheck;
import dev.paas.api.HealthCheckSetting;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored checks; plain SQL, since a check is a value keyed by app and type, not an entity with a life. */
@Repository
public class HealthChecks {

    private final JdbcTemplate jdbc;

    HealthChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** App id and process type ("12/web") to its check, for every app. */
    public Map<String, HealthCheck> all() {
        Map<String, HealthCheck> checks = new HashMap<>();
        jdbc.query("SELECT app_id, process_type, path, timeout_seconds, attempts, content FROM health_checks", rs -> {
            checks.put(key(rs.getLong(1), rs.getString(2)),
                    new HealthCheck(rs.getString(3), rs.getInt(4) * 1000, rs.getInt(5), rs.getString(6)));
        });
        return checks;
    }

    public static String key(Long appId, String processType) {
        return appId + "/" + processType;
    }

    List<HealthCheckSetting> forApp(Long appId) {
        return jdbc.query("SELECT process_type, path, timeout_seconds, attempts, content FROM health_checks"
                        + " WHERE app_id = ? ORDER BY process_type",
                (rs, i) -> new HealthCheckSetting(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getString(5)), appId);
    }

    /**
     * Stores the check of one type, replacing the one it had (a check set by hand has no content). Called by the
     * API and by a push's app.json, inside the caller's transaction.
     */
    public void set(Long appId, HealthCheckSetting s) {
        jdbc.update("INSERT INTO health_checks (app_id, process_type, path, timeout_seconds, attempts, content)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, process_type) DO UPDATE SET path = EXCLUDED.path,"
                        + " timeout_seconds = EXCLUDED.timeout_seconds, attempts = EXCLUDED.attempts,"
                        + " content = EXCLUDED.content",
                appId, s.processType(), s.path(), s.timeoutSeconds(), s.attempts(), s.content());
    }
}
