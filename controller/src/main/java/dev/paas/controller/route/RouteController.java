package dev.paas.controller.route;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.paas.api.RouteTable;
import dev.paas.api.RouterAck;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.schedule.Rollout;
import dev.paas.controller.web.JoinGrants;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RouteController {

    private static final Logger log = LoggerFactory.getLogger(RouteController.class);

    private static final long MAX_WAIT_SECONDS = 30;

    private final RouteTableService tables;
    private final RouterAcks acks;
    private final ChangeFeed feed;
    private final Rollout rollout;
    private final JdbcTemplate jdbc;

    RouteController(RouteTableService tables, RouterAcks acks, ChangeFeed feed, Rollout rollout, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.acks = acks;
        this.feed = feed;
        this.rollout = rollout;
    }

    /** Long poll; the router names itself in X-Paas-Router so a silent router can be told from a slow one. */
    @GetMapping("/v1/routes")
    RouteTable routes(@RequestParam(defaultValue = "-1") long since, @RequestParam(defaultValue = "0") long wait,
                      @RequestHeader(value = "X-Paas-Router", required = false) String router,
                      HttpServletRequest request) throws InterruptedException {
        // A router that joined a formation (as its proxy layer) serves only that formation's apps.
        Optional<JoinTokens.Grant> grant = JoinGrants.of(request);
        if (router != null) {
            acks.polled(router, formationOf(grant));
        }
        long version = feed.awaitChange(since, Duration.ofSeconds(Math.min(Math.max(wait, 0), MAX_WAIT_SECONDS)));
        long woke = System.nanoTime();
        RouteTable table = tables.table(version);
        log.debug("route table v{}{}: read in {} ms", version, router == null ? "" : " for " + router,
                (System.nanoTime() - woke) / 1_000_000);
        if (grant.isEmpty()) {
            return table;
        }
        Set<String> apps = Set.copyOf(jdbc.queryForList("SELECT name FROM apps WHERE formation_id = ?", String.class,
                grant.get().formationId()));
        return new RouteTable(table.version(), table.routes().stream().filter(r -> apps.contains(r.app())).toList());
    }

    @PostMapping("/v1/routers/{router}/applied")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void applied(@PathVariable String router, @RequestBody RouterAck ack, HttpServletRequest request) {
        acks.acknowledged(router, ack.version(), formationOf(JoinGrants.of(request)));
        log.debug("router {} serves v{}", router, ack.version());
        rollout.progressSoon();
    }

    /** Null for a router on the cluster's node token: it serves every formation. */
    private static Long formationOf(Optional<JoinTokens.Grant> grant) {
        return grant.map(JoinTokens.Grant::formationId).orElse(null);
    }
}
