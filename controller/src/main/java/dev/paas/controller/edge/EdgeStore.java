package dev.paas.controller.edge;

import java.util.HashMap;
import java.util.Map;

import dev.paas.api.RouteTable.Edge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored edge settings; plain SQL, since they are a value per app, like health checks. */
@Repository
public class EdgeStore {

    private final JdbcTemplate jdbc;

    EdgeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** App id to its settings, for every app that has a row (the others use the defaults). */
    public Map<Long, Edge> all() {
        Map<Long, Edge> all = new HashMap<>();
        jdbc.query("SELECT app_id, maintenance, maintenance_page, max_body_mb, read_timeout_seconds FROM app_edge",
                rs -> {
                    all.put(rs.getLong(1), new Edge(rs.getBoolean(2), rs.getString(3),
                            rs.getObject(4, Integer.class), rs.getObject(5, Integer.class)));
                });
        return all;
    }

    Edge forApp(Long appId) {
        return jdbc.query("SELECT maintenance, maintenance_page, max_body_mb, read_timeout_seconds FROM app_edge"
                        + " WHERE app_id = ?",
                rs -> rs.next() ? new Edge(rs.getBoolean(1), rs.getString(2), rs.getObject(3, Integer.class),
                        rs.getObject(4, Integer.class)) : Edge.DEFAULTS, appId);
    }

    void save(Long appId, Edge edge) {
        jdbc.update("INSERT INTO app_edge (app_id, maintenance, maintenance_page, max_body_mb, read_timeout_seconds)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (app_id) DO UPDATE SET maintenance = EXCLUDED.maintenance,"
                        + " maintenance_page = EXCLUDED.maintenance_page, max_body_mb = EXCLUDED.max_body_mb,"
                        + " read_timeout_seconds = EXCLUDED.read_timeout_seconds, updated_at = now()",
                appId, edge.maintenance(), edge.maintenancePage(), edge.maxBodyMb(), edge.readTimeoutSeconds());
    }
}
