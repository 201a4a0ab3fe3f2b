package dev.paas.controller.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import dev.paas.api.LogLine;
import dev.paas.controller.TestPostgres;
import dev.paas.controller.web.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The log history on real PostgreSQL with the Flyway schema, without the rest of the controller. */
class LogStoreIT {

    static JdbcTemplate jdbc;
    static DataSourceTransactionManager transactions;

    LogStore store;
    LogFeed feed = new LogFeed();

    @BeforeAll
    static void database() {
        var dataSource = TestPostgres.migratedDatabase("log_store_it");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        jdbc.update("INSERT INTO users (username, password_hash) VALUES ('ana', 'x')");
    }

    @BeforeEach
    void apps() {
        jdbc.update("DELETE FROM apps");
        for (String app : List.of("hello", "other")) {
            jdbc.update("INSERT INTO apps (name, owner_id, formation_id) SELECT ?, u.id, f.id FROM users u, formations f"
                    + " WHERE u.username = 'ana' AND f.name = 'default'", app);
        }
        store = new LogStore(jdbc, transactions, new LogSettings(100), feed);
    }

    static LogLine line(String app, String source, String process, String text) {
        return new LogLine(0, Instant.parse("2026-01-01T00:00:00Z"), app, source, process, 1, text);
    }

    @Test
    void recentLinesComeOldestFirstAndOnlyTheApps() {
        store.append(List.of(line("hello", "app", "web.1", "one"), line("other", "app", "web.1", "theirs"),
                line("hello", "platform", "api", "two"), line("hello", "app", "web.2", "three")));

        assertThat(store.recent("hello", 2, LogFilter.of(null, null))).extracting(LogLine::text)
                .containsExactly("two", "three");
        assertThat(store.recent("hello", 10, LogFilter.of(null, null))).extracting(LogLine::text)
                .containsExactly("one", "two", "three");
    }

    @Test
    void filtersBySourceAndByProcessTypeOrProcess() {
        store.append(List.of(line("hello", "app", "web.1", "w1"), line("hello", "app", "worker.1", "k1"),
                line("hello", "app", "web.2", "w2"), line("hello", "platform", "web.1", "crashed")));

        assertThat(store.recent("hello", 10, LogFilter.of(null, "web"))).extracting(LogLine::text)
                .containsExactly("w1", "w2", "crashed");
        assertThat(store.recent("hello", 10, LogFilter.of("app", "web.1"))).extracting(LogLine::text)
                .containsExactly("w1");
        assertThat(store.recent("hello", 10, LogFilter.of("platform", null))).extracting(LogLine::text)
                .containsExactly("crashed");
        assertThatThrownBy(() -> LogFilter.of("nginx", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("use app, platform, router or addon");
    }

    @Test
    void followersReadWhatCameAfterTheirLastIdAndAreWoken() {
        store.append(List.of(line("hello", "app", "web.1", "old")));
        long cursor = store.lastId("hello");
        long version = feed.version();

        store.append(List.of(line("hello", "app", "web.1", "new 1"), line("hello", "app", "web.1", "new 2")));

        assertThat(feed.version()).isNotEqualTo(version);
        assertThat(store.after("hello", cursor, 1, LogFilter.of(null, null))).extracting(LogLine::text)
                .containsExactly("new 1");
        assertThat(store.after("hello", cursor, 10, LogFilter.of(null, null))).extracting(LogLine::text)
                .containsExactly("new 1", "new 2");
    }

    @Test
    void keepsOnlyTheNewestLinesOfEachApp() {
        store.append(List.of(line("other", "app", "web.1", "kept")));
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 60;
            store.append(IntStream.range(first, first + 60).mapToObj(i -> line("hello", "app", "web.1", "line " + i)).toList());
        }
        store.prune("hello");

        List<LogLine> all = store.recent("hello", 1000, LogFilter.of(null, null));
        assertThat(all).hasSize(100);
        assertThat(all.get(0).text()).isEqualTo("line 200");
        assertThat(all.get(99).text()).isEqualTo("line 299");
        assertThat(store.recent("other", 10, LogFilter.of(null, null))).extracting(LogLine::text).containsExactly("kept");
    }

    @Test
    void linesOfAnAppThatIsGoneAreDroppedAndGoWithTheApp() {
        store.append(List.of(line("nosuchapp", "app", "web.1", "lost"), line("hello", "app", "web.1", "kept")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM log_lines", Integer.class)).isEqualTo(1);

        jdbc.update("DELETE FROM apps WHERE name = 'hello'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM log_lines", Integer.class)).isZero();
    }
}
