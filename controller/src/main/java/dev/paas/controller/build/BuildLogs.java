package dev.paas.controller.build;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The builds' logs, read and written apart from the {@link Build} entity: containers are read with their release
 * and its build (for the image) on every node poll, rollout pass and deploy wait, and a mapped log column came
 * along each time, tens of kilobytes per build for nothing. Only {@code paas builds:info} and the dashboard's build
 * page read a log.
 */
@Component
public class BuildLogs {

    private final JdbcTemplate jdbc;

    BuildLogs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Joins the caller's transaction, if any (same data source). */
    public void store(long buildId, String log) {
        jdbc.update("UPDATE builds SET log = ? WHERE id = ?", log, buildId);
    }

    public Optional<String> of(long buildId) {
        return jdbc.query("SELECT log FROM builds WHERE id = ?", rs -> rs.next()
                ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty(), buildId);
    }
}
