package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import dev.paas.controller.TestPostgres;
import dev.paas.controller.cluster.ClusterId;
import dev.paas.controller.cluster.Presence;
import dev.paas.controller.deploy.BuildOwnerWatch;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backups left running by a dead controller, against real PostgreSQL: the leader's look (a controller is a session
 * holding its presence lock, one of which ends as a killed controller's would) and the start alone.
 */
class OrphanedBackupsIT {

    @Test
    void failsTheRunningBackupsOfAGoneControllerAfterTheGraceAndAllRunningOnesAtAStartAlone() throws Exception {
        DataSource database = TestPostgres.migratedDatabase("orphaned_backups");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long user = jdbc.queryForObject("INSERT INTO users (username, password_hash) VALUES ('ana', 'x') RETURNING id",
                Long.class);
        long addon = jdbc.queryForObject("INSERT INTO addons (name, type, plan, owner_id, formation_id, username,"
                + " password, database) SELECT 'postgres-amber-1', 'postgres', 'hobby', ?, id, 'u', 'p', 'd'"
                + " FROM formations WHERE name = 'default' RETURNING id", Long.class, user);
        ClusterId alive = new ClusterId();
        ClusterId dead = new ClusterId();
        try (Connection aliveSession = database.getConnection(); Connection deadSession = database.getConnection()) {
            assertThat(Presence.take(aliveSession, alive)).isTrue();
            assertThat(Presence.take(deadSession, dead)).isTrue();
            long ofAlive = backup(jdbc, addon, "running", alive.value());
            long ofDead = backup(jdbc, addon, "running", dead.value());
            long doneOfDead = backup(jdbc, addon, "succeeded", dead.value());
            long unnamed = backup(jdbc, addon, "running", null);
            OrphanedBackups orphans = new OrphanedBackups(jdbc, null, true);
            assertThat(orphans.failOrphans(0)).as("every owner alive").isEmpty();

            deadSession.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Presence.live(jdbc).equals(java.util.Set.of(alive.value()))) {
                assertThat(System.nanoTime()).as("the ended session's lock is gone within 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(orphans.failOrphans(1_000)).as("first seen missing").isEmpty();
            assertThat(orphans.failOrphans(1_000 + BuildOwnerWatch.GRACE.toMillis())).containsExactly(ofDead);
            assertThat(jdbc.queryForMap("SELECT status, failure, finished_at IS NOT NULL AS finished"
                    + " FROM addon_backups WHERE id = ?", ofDead)).containsEntry("status", "failed")
                    .containsEntry("failure", "interrupted: the controller stopped").containsEntry("finished", true);
            assertThat(statuses(jdbc, List.of(ofAlive, doneOfDead, unnamed)))
                    .containsExactly("running", "succeeded", "running");

            assertThat(orphans.failAll()).as("a start alone").containsExactlyInAnyOrder(ofAlive, unnamed);
            assertThat(statuses(jdbc, List.of(ofAlive, ofDead, doneOfDead, unnamed)))
                    .containsExactly("failed", "failed", "succeeded", "failed");
        }
    }

    private static long backup(JdbcTemplate jdbc, long addon, String status, String controller) {
        return jdbc.queryForObject("INSERT INTO addon_backups (addon_id, addon_type, status, made_by, controller)"
                + " VALUES (?, 'postgres', ?, 'ana', ?) RETURNING id", Long.class, addon, status, controller);
    }

    private static List<String> statuses(JdbcTemplate jdbc, List<Long> ids) {
        return ids.stream().map(id -> jdbc.queryForObject("SELECT status FROM addon_backups WHERE id = ?",
                String.class, id)).toList();
    }
}
