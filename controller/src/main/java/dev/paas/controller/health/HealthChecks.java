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

    /**
     * Build id and process type ("40/web") to the check of that build's app.json, for the builds of releases that
     * have containers: it judges those containers over the app's own check of the type.
     */
    public Map<String, HealthCheck> ofBuilds() {
        Map<String, HealthCheck> checks = new HashMap<>();
        jdbc.query("SELECT build_id, process_type, path, timeout_seconds, attempts, content FROM build_health_checks"
                + " WHERE build_id IN (SELECT r.build_id FROM containers c JOIN releases r ON r.id = c.release_id)", rs -> {
            checks.put(key(rs.getLong(1), rs.getString(2)),
                    new HealthCheck(rs.getString(3), rs.getInt(4) * 1000, rs.getInt(5), rs.getString(6)));
        });
        return checks;
    }

    /** Stores the checks of a build's app.json (once, when the build succeeds). */
    public void setForBuild(Long buildId, HealthCheckSetting s) {
        jdbc.update("INSERT INTO build_health_checks (build_id, process_type, path, timeout_seconds, attempts, content)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (build_id, process_type) DO NOTHING",
                buildId, s.processType(), s.path(), s.timeoutSeconds(), s.attempts(), s.content());
    }

    public static String key(Long appId, String processType) {
        return appId + "/" + processType;
    }

    List<HealthCheckSetting> forApp(Long appId) {
        // The current release's app.json checks first: they are the ones its containers get.
        Map<String, HealthCheckSetting> byType = new java.util.TreeMap<>();
        jdbc.query("SELECT process_type, path, timeout_seconds, attempts, content FROM health_checks WHERE app_id = ?",
                rs -> {
                    byType.put(rs.getString(1), new HealthCheckSetting(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4), rs.getString(5)));
                }, appId);
        jdbc.query("SELECT h.process_type, h.path, h.timeout_seconds, h.attempts, h.content FROM build_health_checks h"
                + " WHERE h.build_id = (SELECT r.build_id FROM releases r WHERE r.app_id = ? AND "
                + dev.paas.controller.release.Release.CURRENT_SQL + ")", rs -> {
                    byType.put(rs.getString(1), new HealthCheckSetting(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4), rs.getString(5)));
                }, appId);
        return List.copyOf(byType.values());
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
