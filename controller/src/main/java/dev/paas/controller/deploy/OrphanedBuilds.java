package dev.paas.controller.deploy;

import java.util.List;
import java.util.Set;

import dev.paas.controller.cluster.Leadership;
import dev.paas.controller.cluster.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The leader fails the builds that a controller which died while others keep running left {@code building}
 * ("interrupted: the controller stopped", as {@link InterruptedBuilds} does at a start alone). Each build names the
 * controller running it; a controller is alive while PostgreSQL holds its presence lock ({@code cluster.Presence}),
 * which goes with its session when its process dies. {@link BuildOwnerWatch} decides; this reads and writes.
 * Builds are read before the live locks, so a controller that started meanwhile is seen alive. With
 * {@code paas.cluster.enabled=false} no controller takes a presence lock, so this does nothing.
 */
@Component
class OrphanedBuilds {

    private static final Logger log = LoggerFactory.getLogger(OrphanedBuilds.class);

    private final JdbcTemplate jdbc;
    private final Leadership leadership;
    private final boolean enabled;
    private final BuildOwnerWatch watch = new BuildOwnerWatch();

    OrphanedBuilds(JdbcTemplate jdbc, Leadership leadership, @Value("${paas.cluster.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void check() {
        if (!enabled || !leadership.isLeader()) {
            watch.reset();
            return;
        }
        try {
            List<Long> failed = failOrphans(System.currentTimeMillis());
            if (!failed.isEmpty()) {
                log.warn("Marked {} build{} failed, left building by a controller that is gone: {}", failed.size(),
                        failed.size() == 1 ? "" : "s", failed);
            }
        } catch (RuntimeException e) {
            // PostgreSQL away: the next look starts the count again (BuildOwnerWatch.MAX_GAP).
            log.debug("could not look for builds of dead controllers: {}", e.getMessage());
        }
    }

    /** One look at {@code nowMillis}: answers the ids of the builds it failed. */
    List<Long> failOrphans(long nowMillis) {
        List<BuildOwnerWatch.Building> building = jdbc.query("SELECT id, controller FROM builds WHERE status = 'building'",
                (rs, n) -> new BuildOwnerWatch.Building(rs.getLong(1), rs.getString(2)));
        if (building.isEmpty()) {
            watch.look(building, Set.of(), nowMillis);
            return List.of();
        }
        List<Long> fail = watch.look(building, Presence.live(jdbc), nowMillis);
        if (fail.isEmpty()) {
            return fail;
        }
        return jdbc.queryForList("UPDATE builds SET status = 'failed', failure = ?, finished_at = now(),"
                        + " log = log || ? WHERE status = 'building' AND id = ANY (?) RETURNING id", Long.class,
                InterruptedBuilds.REASON, "\n !     " + InterruptedBuilds.REASON, fail.toArray(Long[]::new));
    }
}
