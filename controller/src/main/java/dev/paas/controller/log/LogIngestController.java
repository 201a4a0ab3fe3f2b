package dev.paas.controller.log;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.JoinGrants;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where node-agents ship container output and routers ship access lines. Each sender may only speak as its own
 * kind: an agent's lines are app lines, a router's are router lines; and one that joined a formation with a join
 * token only for that formation's apps (a batch naming another formation's app is refused whole, 403). A node-agent
 * speaks only for the containers placed on its node: lines of apps with no container there are dropped.
 */
@RestController
class LogIngestController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LogIngestController.class);

    /** Longer lines are cut: one runaway line must not cost megabytes of history. */
    static final int MAX_LINE_CHARS = 8192;

    private final LogStore store;
    private final JdbcTemplate jdbc;

    LogIngestController(LogStore store, JdbcTemplate jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    @PostMapping("/v1/nodes/{node}/logs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fromNode(@PathVariable String node, @RequestBody LogBatch batch, HttpServletRequest request) {
        store.append(placedHereOnly(ownFormationOnly(clean(batch, LogLine.APP), request, "node " + node), node));
    }

    @PostMapping("/v1/routers/{router}/logs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fromRouter(@PathVariable String router, @RequestBody LogBatch batch, HttpServletRequest request) {
        store.append(ownFormationOnly(clean(batch, LogLine.ROUTER), request, "router " + router));
    }

    private List<LogLine> ownFormationOnly(List<LogLine> lines, HttpServletRequest request, String sender) {
        JoinGrants.of(request).ifPresent(grant -> {
            // Apps of another formation, not unknown ones: lines of an app destroyed meanwhile are merely not stored.
            String[] named = lines.stream().map(LogLine::app).distinct().toArray(String[]::new);
            Set<String> foreign = new TreeSet<>(jdbc.queryForList(
                    "SELECT name FROM apps WHERE name = ANY (?) AND formation_id <> ?", String.class, named,
                    grant.formationId()));
            if (!foreign.isEmpty()) {
                throw new ApiException(HttpStatus.FORBIDDEN, "The " + sender + " joined formation "
                        + grant.formation() + " and may not log for " + String.join(", ", foreign)
                        + ": not apps of " + grant.formation() + ".");
            }
        });
        return lines;
    }

    /**
     * Dropped rather than refused: an app's last lines may arrive just after its container left the node (a stop, a
     * scale down), and a batch mixes apps.
     */
    private List<LogLine> placedHereOnly(List<LogLine> lines, String node) {
        if (lines.isEmpty()) {
            return lines;
        }
        Set<String> placed = new HashSet<>(jdbc.queryForList("""
                SELECT DISTINCT c.app_name FROM containers c JOIN nodes n ON n.id = c.node_id WHERE n.name = ?""",
                String.class, node));
        List<LogLine> kept = lines.stream().filter(l -> placed.contains(l.app())).toList();
        if (kept.size() < lines.size()) {
            log.debug("node {}: dropped {} log lines of apps with no container there", node, lines.size() - kept.size());
        }
        return kept;
    }

    private static List<LogLine> clean(LogBatch batch, String source) {
        if (batch == null || batch.lines() == null) {
            return List.of();
        }
        return batch.lines().stream().filter(l -> l != null && l.app() != null)
                .map(l -> new LogLine(0, l.time(), l.app(), source, l.process(), l.release(), cut(l.text())))
                .toList();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_LINE_CHARS ? text : text.substring(0, MAX_LINE_CHARS);
    }
}
