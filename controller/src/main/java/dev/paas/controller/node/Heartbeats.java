package dev.paas.controller.node;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nodes' last report times, written to {@code nodes.last_heartbeat} in one statement every
 * {@code paas.heartbeat-flush-ms} (1 s) instead of one transaction per report: at 1,000 nodes reporting every 5 s
 * that was 200 commits a second. Whoever reads last_heartbeat (node watch, placement, re-registration, paas nodes)
 * sees it at most that much late, against timeouts of 12 s and more. A time never moves backwards (GREATEST), so a
 * late flush cannot undo a registration's.
 */
@Component
class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final JdbcTemplate jdbc;
    // node name -> epoch milliseconds of its last report not written yet
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    Heartbeats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The node reported now. */
    void beat(String node) {
        due.merge(node, System.currentTimeMillis(), Math::max);
    }

    /** How many report times wait to be written (for tests). */
    int pending() {
        return due.size();
    }

    @Scheduled(fixedDelayString = "${paas.heartbeat-flush-ms:1000}")
    @PreDestroy
    void flush() {
        if (due.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (String node : due.keySet()) {
            Long at = due.remove(node);
            if (at != null) {
                names.add(node);
                times.add(at);
            }
        }
        try {
            jdbc.update(con -> {
                var statement = con.prepareStatement("""
                        UPDATE nodes n SET last_heartbeat = GREATEST(n.last_heartbeat, to_timestamp(b.ms / 1000.0))
                        FROM unnest(?, ?) AS b(name, ms) WHERE n.name = b.name""");
                Array nameArray = con.createArrayOf("text", names.toArray());
                Array timeArray = con.createArrayOf("bigint", times.toArray());
                statement.setArray(1, nameArray);
                statement.setArray(2, timeArray);
                return statement;
            });
        } catch (RuntimeException e) {
            // kept for the next flush: a report time is only lost if the controller stops meanwhile
            for (int i = 0; i < names.size(); i++) {
                due.merge(names.get(i), times.get(i), Math::max);
            }
            log.warn("writing {} nodes' report times failed, retried at the next flush: {}", names.size(), e.toString());
        }
    }
}
