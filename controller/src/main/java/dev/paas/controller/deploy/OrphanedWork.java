package dev.paas.controller.deploy;

import java.util.List;
import java.util.Set;

import dev.paas.controller.cluster.Leadership;
import dev.paas.controller.cluster.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leader's look for work that a controller which died while others keep running left unfinished: builds left
 * {@code building} ({@link OrphanedBuilds}), add-on backups left {@code running} ({@code addon.OrphanedBackups}). Each
 * piece of work names the controller doing it; a controller is alive while PostgreSQL holds its presence lock
 * ({@code cluster.Presence}), which goes with its session when its process dies. {@link BuildOwnerWatch} decides; this
 * reads and writes through the kind's {@link Table}. The work is read before the live locks, so a controller that
 * started meanwhile is seen alive. With {@code paas.cluster.enabled=false} no controller takes a presence lock, so
 * this does nothing.
 */
public final class OrphanedWork {

    /** Where one kind of work is kept. */
    public interface Table {
        /** The work not finished yet, and the controller doing each. */
        List<BuildOwnerWatch.Building> unfinished();

        /** Fails those of {@code ids} still unfinished; answers the ids it failed. */
        List<Long> fail(Long[] ids);
    }

    private static final Logger log = LoggerFactory.getLogger(OrphanedWork.class);

    private final String kind;
    private final Table table;
    private final JdbcTemplate jdbc;
    private final Leadership leadership;
    private final boolean enabled;
    private final BuildOwnerWatch watch = new BuildOwnerWatch();

    /** @param kind what the work is called in the log, "build" */
    public OrphanedWork(String kind, Table table, JdbcTemplate jdbc, Leadership leadership, boolean enabled) {
        this.kind = kind;
        this.table = table;
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.enabled = enabled;
    }

    /** The body of the kind's 5 s loop. */
    public void check() {
        if (!enabled || !leadership.isLeader()) {
            watch.reset();
            return;
        }
        try {
            report(failOrphans(System.currentTimeMillis()), "a controller that is gone");
        } catch (RuntimeException e) {
            // PostgreSQL away: the next look starts the count again (BuildOwnerWatch.MAX_GAP).
            log.debug("could not look for {}s of dead controllers: {}", kind, e.getMessage());
        }
    }

    /** One look at {@code nowMillis}: answers the ids of the work it failed. */
    public List<Long> failOrphans(long nowMillis) {
        List<BuildOwnerWatch.Building> unfinished = table.unfinished();
        List<Long> fail = watch.look(unfinished, unfinished.isEmpty() ? Set.of() : Presence.live(jdbc), nowMillis);
        return fail.isEmpty() ? fail : table.fail(fail.toArray(Long[]::new));
    }

    /** Logs what was failed, left unfinished by {@code by}. */
    public void report(List<Long> failed, String by) {
        if (!failed.isEmpty()) {
            log.warn("Marked {} {}{} failed, left unfinished by {}: {}", failed.size(), kind,
                    failed.size() == 1 ? "" : "s", by, failed);
        }
    }
}
