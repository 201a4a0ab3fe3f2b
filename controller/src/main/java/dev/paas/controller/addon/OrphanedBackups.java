package dev.paas.controller.addon;

import java.util.List;

import dev.paas.controller.cluster.Leadership;
import dev.paas.controller.deploy.BuildOwnerWatch;
import dev.paas.controller.deploy.OrphanedWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the add-on backups a controller that died left {@code running}, as failed with {@link #REASON}, the way builds
 * are ({@code deploy.OrphanedBuilds}, {@code deploy.InterruptedBuilds}): each backup names the controller taking it
 * (Flyway V36); while others run, the leader fails those of a controller that has held no presence lock
 * ({@code cluster.Presence}) for {@code BuildOwnerWatch.GRACE} (the look is {@link OrphanedWork}'s, shared with
 * builds); a controller that starts alone (it leads at once) fails every backup still running, including those that
 * name no controller (made before V36). The dump's file was never moved into place ({@link BackupFiles} writes aside),
 * so there is nothing to download for them.
 */
@Component
class OrphanedBackups implements SmartLifecycle, OrphanedWork.Table {

    static final String REASON = "interrupted: the controller stopped";

    private static final Logger log = LoggerFactory.getLogger(OrphanedBackups.class);

    private final JdbcTemplate jdbc;
    private final Leadership leadership;
    private final OrphanedWork work;
    private volatile boolean running;

    OrphanedBackups(JdbcTemplate jdbc, Leadership leadership, @Value("${paas.cluster.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.work = new OrphanedWork("add-on backup", this, jdbc, leadership, enabled);
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void check() {
        work.check();
    }

    /** One look at {@code nowMillis}: answers the ids of the backups it failed. */
    List<Long> failOrphans(long nowMillis) {
        return work.failOrphans(nowMillis);
    }

    @Override
    public List<BuildOwnerWatch.Building> unfinished() {
        return jdbc.query("SELECT id, controller FROM addon_backups WHERE status = 'running'",
                (rs, n) -> new BuildOwnerWatch.Building(rs.getLong(1), rs.getString(2)));
    }

    @Override
    public List<Long> fail(Long[] ids) {
        return jdbc.queryForList("UPDATE addon_backups SET status = 'failed', failure = ?, finished_at = now()"
                + " WHERE status = 'running' AND id = ANY (?) RETURNING id", Long.class, REASON, ids);
    }

    /** At a start alone, before the web server takes a request: every backup still running is a dead one's. */
    List<Long> failAll() {
        List<Long> failed = jdbc.queryForList("UPDATE addon_backups SET status = 'failed', failure = ?,"
                + " finished_at = now() WHERE status = 'running' RETURNING id", Long.class, REASON);
        work.report(failed, "a controller that stopped");
        return failed;
    }

    @Override
    public void start() {
        try {
            if (leadership.tryNow()) {
                failAll();
            } else {
                log.info("Another controller runs on this database: add-on backups left running are not failed at"
                        + " this start");
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for add-on backups left running: {}", e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the builds' recovery, before the web server starts: no backup of this controller's exists yet. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
