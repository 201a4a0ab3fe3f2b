package dev.paas.controller.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.paas.api.LogLine;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log history in PostgreSQL. Writes are taken one at a time and each commits before the next begins, so
 * ids become visible in increasing order and a follower reading "after id N" never skips a line that commits
 * late. Lines of an app that no longer exists are dropped by the insert itself.
 */
@Component
public class LogStore {

    private static final String COLUMNS = "SELECT l.id, l.time, a.name, l.source, l.process, l.release, l.text"
            + " FROM log_lines l JOIN apps a ON a.id = l.app_id WHERE a.name = ?";

    private static final String INSERT = "INSERT INTO log_lines (app_id, time, source, process, release, text)"
            + " SELECT a.id, t.time, t.source, t.process, t.release, t.text"
            + " FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::int4[], ?::text[])"
            + " WITH ORDINALITY AS t(app, time, source, process, release, text, n)"
            + " JOIN apps a ON a.name = t.app ORDER BY t.n";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final LogSettings settings;
    private final LogFeed feed;
    private final Map<String, Integer> sincePrune = new HashMap<>();

    LogStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, LogSettings settings, LogFeed feed) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Platform events are written from inside other transactions: they must commit on their own, now.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
        this.feed = feed;
    }

    public synchronized void append(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> {
            // One statement per batch (arrays, unnested in order) instead of one per line: several times faster.
            jdbc.execute((ConnectionCallback<Integer>) connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setArray(1, connection.createArrayOf("text", column(lines, LogLine::app)));
                    insert.setArray(2, connection.createArrayOf("timestamptz", lines.stream()
                            .map(l -> Timestamp.from(l.time() == null ? Instant.now() : l.time())).toArray()));
                    insert.setArray(3, connection.createArrayOf("text", column(lines, LogLine::source)));
                    insert.setArray(4, connection.createArrayOf("text", column(lines, l -> orEmpty(l.process()))));
                    insert.setArray(5, connection.createArrayOf("int4", lines.stream().map(LogLine::release).toArray()));
                    insert.setArray(6, connection.createArrayOf("text", column(lines, l -> orEmpty(l.text()))));
                    return insert.executeUpdate();
                }
            });
            pruneWhereDue(lines);
        });
        feed.appended(lines.stream().map(LogLine::app).collect(java.util.stream.Collectors.toSet()));
    }

    /** The last {@code n} lines, oldest first. */
    public List<LogLine> recent(String app, int n, LogFilter filter) {
        List<Object> args = new ArrayList<>(List.of(app));
        String sql = COLUMNS + filter.sql(args) + " ORDER BY l.id DESC LIMIT ?";
        args.add(n);
        List<LogLine> lines = new ArrayList<>(jdbc.query(sql, LogStore::line, args.toArray()));
        Collections.reverse(lines);
        return lines;
    }

    /** Up to {@code limit} lines after id {@code after}, oldest first. */
    public List<LogLine> after(String app, long after, int limit, LogFilter filter) {
        List<Object> args = new ArrayList<>(List.of(app));
        String sql = COLUMNS + filter.sql(args) + " AND l.id > ? ORDER BY l.id LIMIT ?";
        args.add(after);
        args.add(limit);
        return jdbc.query(sql, LogStore::line, args.toArray());
    }

    /** The id of the newest line of the app, or 0: where a follower that wants only new lines starts. */
    public long lastId(String app) {
        Long id = jdbc.queryForObject("SELECT max(l.id) FROM log_lines l JOIN apps a ON a.id = l.app_id"
                + " WHERE a.name = ?", Long.class, app);
        return id == null ? 0 : id;
    }

    private void pruneWhereDue(List<LogLine> lines) {
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(line -> counts.merge(line.app(), 1, Integer::sum));
        counts.forEach((app, count) -> {
            int pending = sincePrune.merge(app, count, Integer::sum);
            if (pending >= settings.pruneEvery()) {
                prune(app);
                sincePrune.remove(app);
            }
        });
    }

    /** Keeps the newest {@code historyLines} lines of the app. */
    void prune(String app) {
        jdbc.update("DELETE FROM log_lines WHERE app_id = (SELECT id FROM apps WHERE name = ?) AND id <="
                + " (SELECT l.id FROM log_lines l JOIN apps a ON a.id = l.app_id WHERE a.name = ?"
                + " ORDER BY l.id DESC OFFSET ? LIMIT 1)", app, app, settings.historyLines());
    }

    private static Object[] column(List<LogLine> lines, Function<LogLine, String> field) {
        return lines.stream().map(field).toArray();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static LogLine line(ResultSet rs, int row) throws SQLException {
        Integer release = rs.getObject(6) == null ? null : rs.getInt(6);
        return new LogLine(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), release, rs.getString(7));
    }
}
