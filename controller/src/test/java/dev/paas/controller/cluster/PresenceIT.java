package dev.paas.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

import dev.paas.controller.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Each controller's {@link Leadership} holds its presence lock, leader or standby, and gives it up as it stops. */
class PresenceIT {

    @Test
    void aControllerIsLiveFromItsFirstTickUntilItStops() throws Exception {
        DriverManagerDataSource database = (DriverManagerDataSource) TestPostgres.migratedDatabase("presence");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.getUrl());
        properties.setUsername(database.getUsername());
        properties.setPassword(database.getPassword());
        ClusterId first = new ClusterId();
        ClusterId second = new ClusterId();
        Leadership leader = new Leadership(properties, true, first);
        Leadership standby = new Leadership(properties, true, second);
        leader.start();
        try {
            awaitLive(jdbc, first);
            standby.start();
            awaitLive(jdbc, second);
            assertThat(leader.isLeader()).isTrue();
            assertThat(standby.isLeader()).isFalse();

            standby.stop();
            // The session ends a moment after the connection closes.
            awaitLive(jdbc, Set.of(first.value()));
        } finally {
            standby.stop();
            leader.stop();
        }
        awaitLive(jdbc, Set.of());
    }

    private static void awaitLive(JdbcTemplate jdbc, ClusterId id) throws InterruptedException {
        await(jdbc, live -> live.contains(id.value()), id + " holds its presence lock");
    }

    private static void awaitLive(JdbcTemplate jdbc, Set<String> ids) throws InterruptedException {
        await(jdbc, live -> live.equals(ids), "live controllers are " + ids);
    }

    static void await(JdbcTemplate jdbc, Predicate<Set<String>> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<String> live;
        while (!condition.test(live = Presence.live(jdbc))) {
            assertThat(System.nanoTime()).as(what + " within 10 s, live: " + live).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
