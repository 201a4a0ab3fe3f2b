package dev.paas.controller.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import dev.paas.controller.TestPostgres;
import dev.paas.controller.cluster.ClusterId;
import dev.paas.controller.cluster.Presence;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leader's look for builds of dead controllers against real PostgreSQL (a database of its own): controllers are
 * sessions holding their presence lock, one of which ends as a killed controller's would.
 */
class OrphanedBuildsIT {

    @Test
    void failsOnlyTheBuildsOfTheControllerWhoseSessionEndedOnceTheGraceHasPassed() throws Exception {
        DataSource database = TestPostgres.migratedDatabase("orphaned_builds");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long user = jdbc.queryForObject("INSERT INTO users (username, password_hash) VALUES ('ana', 'x') RETURNING id",
                Long.class);
        long app = jdbc.queryForObject("INSERT INTO apps (name, owner_id, formation_id) SELECT 'hello', ?, id"
                + " FROM formations WHERE name = 'default' RETURNING id", Long.class, user);
        ClusterId alive = new ClusterId();
        ClusterId dead = new ClusterId();
        // A session of another database holding the dead one's key must not count: presence is per database.
        DataSource other = TestPostgres.migratedDatabase("orphaned_builds_other");
        try (Connection aliveSession = database.getConnection(); Connection deadSession = database.getConnection();
             Connection elsewhere = other.getConnection()) {
            assertThat(Presence.take(aliveSession, alive)).isTrue();
            assertThat(Presence.take(deadSession, dead)).isTrue();
            assertThat(Presence.take(elsewhere, dead)).as("another database's lock").isTrue();
            assertThat(Presence.live(jdbc)).containsExactlyInAnyOrder(alive.value(), dead.value());

            long ofAlive = build(jdbc, app, "building", alive.value());
            long ofDead = build(jdbc, app, "building", dead.value());
            long doneOfDead = build(jdbc, app, "succeeded", dead.value());
            long unnamed = build(jdbc, app, "building", null);
            OrphanedBuilds orphans = new OrphanedBuilds(jdbc, null, true);
            assertThat(orphans.failOrphans(0)).as("every owner alive").isEmpty();

            deadSession.close();
            // As when its process dies: PostgreSQL ends the session (a moment later) and the lock goes with it.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Presence.live(jdbc).equals(java.util.Set.of(alive.value()))) {
                assertThat(System.nanoTime()).as("the ended session's lock is gone within 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(orphans.failOrphans(1_000)).as("first seen missing").isEmpty();
            assertThat(orphans.failOrphans(6_000)).isEmpty();
            assertThat(orphans.failOrphans(1_000 + BuildOwnerWatch.GRACE.toMillis())).containsExactly(ofDead);

            assertThat(jdbc.queryForMap("SELECT status, failure, finished_at IS NOT NULL AS finished, log"
                    + " FROM builds WHERE id = ?", ofDead)).containsEntry("status", "failed")
                    .containsEntry("failure", "interrupted: the controller stopped")
                    .containsEntry("finished", true)
                    .containsEntry("log", "-----> Building\n !     interrupted: the controller stopped");
            assertThat(statuses(jdbc, List.of(ofAlive, doneOfDead, unnamed)))
                    .containsExactly("building", "succeeded", "building");
            assertThat(orphans.failOrphans(20_000)).as("nothing left to do").isEmpty();
        }
    }

    private static long build(JdbcTemplate jdbc, long app, String status, String controller) {
        return jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, created_by, log, controller)"
                + " VALUES (?, 'abc', ?, 'ana', '-----> Building', ?) RETURNING id", Long.class, app, status, controller);
    }

    private static List<String> statuses(JdbcTemplate jdbc, List<Long> ids) {
        return ids.stream().map(id -> jdbc.queryForObject("SELECT status FROM builds WHERE id = ?", String.class, id))
                .toList();
    }
}
