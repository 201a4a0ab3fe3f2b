package dev.paas.controller.limits;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dev.paas.controller.app.App;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * A formation's defaults and maximums (columns of {@code formations}), with the platform's own defaults behind them:
 * {@code paas.container-memory-mb} (256) for a type nobody sized, {@code paas.memory-overcommit} (1.5) for how
 * many times its memory a node takes in limits.
 */
@Component
public class FormationLimitStore {

    private static final String COLUMNS = "name, default_memory_mb, max_memory_mb, default_cpu_millis, max_cpu_millis,"
            + " memory_overcommit";
    private static final RowMapper<FormationSettings> ROW = (rs, i) -> new FormationSettings(rs.getString(1),
            (Integer) rs.getObject(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4), (Integer) rs.getObject(5),
            rs.getBigDecimal(6) == null ? null : rs.getBigDecimal(6).doubleValue());

    private final JdbcTemplate jdbc;
    private final int platformMemoryMb;
    private final double platformOvercommit;

    FormationLimitStore(JdbcTemplate jdbc, @Value("${paas.container-memory-mb:256}") int platformMemoryMb,
                        @Value("${paas.memory-overcommit:1.5}") double platformOvercommit) {
        this.jdbc = jdbc;
        this.platformMemoryMb = platformMemoryMb;
        this.platformOvercommit = platformOvercommit;
    }

    public int platformMemoryMb() {
        return platformMemoryMb;
    }

    public FormationSettings of(long formationId) {
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM formations WHERE id = ?", ROW, formationId);
    }

    public Optional<FormationSettings> of(String name) {
        List<FormationSettings> found = jdbc.query("SELECT " + COLUMNS + " FROM formations WHERE name = ?", ROW, name);
        return found.stream().findFirst();
    }

    public void update(FormationSettings settings) {
        jdbc.update("UPDATE formations SET default_memory_mb = ?, max_memory_mb = ?, default_cpu_millis = ?,"
                        + " max_cpu_millis = ?, memory_overcommit = ? WHERE name = ?", settings.defaultMemoryMb(),
                settings.maxMemoryMb(), settings.defaultCpuMillis(), settings.maxCpuMillis(),
                settings.overcommit() == null ? null : BigDecimal.valueOf(settings.overcommit()), settings.name());
    }

    /** How many times its memory a node of the formation takes in container limits. */
    public double overcommit(FormationSettings settings) {
        return settings.overcommit() != null ? settings.overcommit() : platformOvercommit;
    }

    /** What each container of the app's {@code type} is given now. */
    public ProcessLimits limits(App app, String type) {
        return limits(app, type, of(app.getFormationId()));
    }

    public ProcessLimits limits(App app, String type, FormationSettings formation) {
        return LimitRules.effective(type, app.getMemoryLimits(), app.getCpuLimits(), formation, platformMemoryMb);
    }
}
