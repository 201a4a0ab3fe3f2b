package dev.paas.controller.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link KnownRouters} in the {@code routers} table (Flyway V13). A router is written when first heard from and then
 * at most every {@link #STORE_EVERY}, so a router's stored time may be that much older than its last poll; the
 * routers live when the controller last heard from any are read with that margin. Times are the database's.
 *
 * <p>{@code paas.recall-routers=false} reads none back: the controller's integration tests run several controllers on
 * one database at once, and a router one of them heard from is not one another has to wait for.
 */
@Component
class StoredRouters implements KnownRouters {

    static final Duration STORE_EVERY = Duration.ofSeconds(10);
    /** Routers not heard from for this long are forgotten. */
    private static final String FORGET = "7 days";

    private static final Logger log = LoggerFactory.getLogger(StoredRouters.class);

    private final JdbcTemplate jdbc;
    private final boolean recall;
    /** When each router was last written by this controller. */
    private final Map<String, Instant> stored = new ConcurrentHashMap<>();

    StoredRouters(JdbcTemplate jdbc, @Value("${paas.recall-routers:true}") boolean recall) {
        this.jdbc = jdbc;
        this.recall = recall;
    }

    @Override
    public void seen(String router, Long formationId) {
        Instant now = Instant.now();
        Instant last = stored.get(router);
        if (last != null && last.plus(STORE_EVERY).isAfter(now)) {
            return;
        }
        try {
            jdbc.update("INSERT INTO routers (name, formation_id, seen_at) VALUES (?, ?, now()) ON CONFLICT (name)"
                    + " DO UPDATE SET formation_id = excluded.formation_id, seen_at = excluded.seen_at", router, formationId);
            stored.put(router, now);
        } catch (DataAccessException e) {
            // The database away (restarting) is no reason to refuse a router its table; the next poll writes it.
            log.debug("Could not note router {}: {}", router, e.toString());
        }
    }

    @Override
    public List<Known> liveWhenLastHeard(Duration live) {
        if (!recall) {
            return List.of();
        }
        jdbc.update("DELETE FROM routers WHERE seen_at < now() - interval '" + FORGET + "'");
        return jdbc.query("SELECT name, formation_id FROM routers"
                        + " WHERE seen_at > (SELECT max(seen_at) FROM routers) - make_interval(secs => ?) ORDER BY name",
                (rs, i) -> new Known(rs.getString("name"), (Long) rs.getObject("formation_id")),
                (double) live.plus(STORE_EVERY).toSeconds());
    }
}
