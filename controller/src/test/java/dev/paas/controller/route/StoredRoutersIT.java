package dev.paas.controller.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.paas.controller.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The routers a controller heard from, read back by the next one: against real PostgreSQL, a database of its own. */
class StoredRoutersIT {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.migratedDatabase("stored_routers"));

    @Test
    void theNextControllerRecallsTheRoutersLiveWhenTheLastOneHeardFromAny() {
        StoredRouters before = new StoredRouters(jdbc, true);
        before.seen("router-1", null);
        before.seen("edge-prod", 2L);
        before.seen("gone", null);
        // The previous controller heard from "gone" last a minute before it heard from the others; it stopped long
        // ago (every time moved back an hour), which does not matter: the routers live at its end are still awaited.
        jdbc.update("UPDATE routers SET seen_at = seen_at - interval '1 minute' WHERE name = 'gone'");
        jdbc.update("UPDATE routers SET seen_at = seen_at - interval '1 hour'");

        StoredRouters next = new StoredRouters(jdbc, true);

        assertThat(next.liveWhenLastHeard(RouterAcks.LIVE)).containsExactly(
                new KnownRouters.Known("edge-prod", 2L), new KnownRouters.Known("router-1", null));
        assertThat(new StoredRouters(jdbc, false).liveWhenLastHeard(RouterAcks.LIVE)).isEmpty();
    }

    @Test
    void aRouterIsWrittenAtMostEveryTenSeconds() {
        StoredRouters routers = new StoredRouters(jdbc, true);
        routers.seen("router-2", null);
        jdbc.update("UPDATE routers SET seen_at = seen_at - interval '5 seconds', formation_id = 7 WHERE name = 'router-2'");

        routers.seen("router-2", null);

        assertThat(jdbc.queryForObject("SELECT formation_id FROM routers WHERE name = 'router-2'", Long.class))
                .as("not written again within " + StoredRouters.STORE_EVERY).isEqualTo(7L);
        assertThat(new StoredRouters(jdbc, true).liveWhenLastHeard(Duration.ofSeconds(45)))
                .contains(new KnownRouters.Known("router-2", 7L));
    }
}
