package dev.paas.controller.deploy;

import java.util.List;

import dev.paas.controller.cluster.Leadership;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The leader fails the builds that a controller which died while others keep running left {@code building}
 * ("interrupted: the controller stopped", as {@link InterruptedBuilds} does at a start alone), once that controller
 * has been missing for {@link BuildOwnerWatch#GRACE}: the look is {@link OrphanedWork}'s, shared with add-on backups.
 */
@Component
class OrphanedBuilds implements OrphanedWork.Table {

    private final JdbcTemplate jdbc;
    private final OrphanedWork work;

    OrphanedBuilds(JdbcTemplate jdbc, Leadership leadership, @Value("${paas.cluster.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.work = new OrphanedWork("build", this, jdbc, leadership, enabled);
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void check() {
        work.check();
    }

    /** One look at {@code nowMillis}: answers the ids of the builds it failed. */
    List<Long> failOrphans(long nowMillis) {
        return work.failOrphans(nowMillis);
    }

    @Override
    public List<BuildOwnerWatch.Building> unfinished() {
        return jdbc.query("SELECT id, controller FROM builds WHERE status = 'building'",
                (rs, n) -> new BuildOwnerWatch.Building(rs.getLong(1), rs.getString(2)));
    }

    @Override
    public List<Long> fail(Long[] ids) {
        return jdbc.queryForList("UPDATE builds SET status = 'failed', failure = ?, finished_at = now(),"
                        + " log = log || ? WHERE status = 'building' AND id = ANY (?) RETURNING id", Long.class,
                InterruptedBuilds.REASON, "\n !     " + InterruptedBuilds.REASON, ids);
    }
}
