package dev.paas.controller.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.controller.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Build logs on real PostgreSQL with the Flyway schema: written and read apart from the rest of the build. */
class BuildLogsIT {

    static JdbcTemplate jdbc;
    static BuildLogs logs;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestPostgres.migratedDatabase("build_logs_it"));
        logs = new BuildLogs(jdbc);
        jdbc.update("INSERT INTO users (username, password_hash) VALUES ('ana', 'x')");
        jdbc.update("INSERT INTO apps (name, owner_id, formation_id) SELECT 'hello', u.id, f.id FROM users u, formations f"
                + " WHERE u.username = 'ana' AND f.name = 'default'");
    }

    private static long build(String sha) {
        return jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, created_by)"
                + " SELECT id, ?, 'building', 'ana' FROM apps WHERE name = 'hello' RETURNING id", Long.class, sha);
    }

    @Test
    void aNewBuildHasAnEmptyLogAndKeepsWhatIsStored() {
        long first = build("aaa");
        long second = build("bbb");

        assertThat(logs.of(first)).contains("");
        logs.store(first, "-----> Building hello\n !     Build failed: no buildpack");

        assertThat(logs.of(first)).contains("-----> Building hello\n !     Build failed: no buildpack");
        assertThat(logs.of(second)).as("another build's log is untouched").contains("");
    }

    @Test
    void anUnknownBuildHasNoLog() {
        assertThat(logs.of(-1)).isEmpty();
    }
}
