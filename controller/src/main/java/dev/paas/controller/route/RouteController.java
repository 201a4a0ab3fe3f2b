package dev.paas.controller.route;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.paas.api.NetworkHost;
import dev.paas.api.RouteTable;
import dev.paas.api.RouterAck;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.LongPolls;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.schedule.Rollout;
import dev.paas.controller.web.JoinGrants;
import jakarta.annotation.PreDestroy;
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
import org.springframework.web.context.request.async.DeferredResult;

@RestController
class RouteController {

    private static final Logger log = LoggerFactory.getLogger(RouteController.class);

    private static final long MAX_WAIT_SECONDS = 30;

    private final RouteTableService tables;
    private final RouterAcks acks;
    private final ChangeFeed feed;
    private final Rollout rollout;
    private final JdbcTemplate jdbc;

    private final LongPolls<Poller, List<RouteTable.Route>, RouteTable> routePolls;

    RouteController(RouteTableService tables, RouterAcks acks, ChangeFeed feed, Rollout rollout, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.acks = acks;
        this.feed = feed;
        this.rollout = rollout;
        // Every change answers every router: rollouts wait for each router to acknowledge the version (RouterAcks).
        this.routePolls = new LongPolls<>("routes", feed, this::tables, RouteTable::new,
                poller -> new IllegalStateException("no route table"), true);
    }

    /**
     * Who polls: the router's name (or, for a router that gives none, the poll itself), the formation it serves
     * (null: all) and its network host (null: unknown), which decides the addresses it is given ({@link Reach}).
     */
    private record Poller(Object router, Long formationId, String host) {
    }

    /** The routes of one formation (null: all) as a router on one network host reaches them. */
    private record Share(Long formationId, String host) {
    }

    /** Long poll; the router names itself in X-Paas-Router so a silent router can be told from a slow one. */
    @GetMapping("/v1/routes")
    DeferredResult<RouteTable> routes(@RequestParam(defaultValue = "-1") long since,
                                      @RequestParam(defaultValue = "0") long wait,
                                      @RequestHeader(value = "X-Paas-Router", required = false) String router,
                                      @RequestParam(required = false) String host,
                                      HttpServletRequest request) {
        // A router that joined a formation (as its proxy layer) serves only that formation's apps.
        Long formationId = formationOf(JoinGrants.of(request));
        if (router != null) {
            acks.polled(router, formationId);
        }
        Poller poller = new Poller(router == null ? new Object() : router, formationId,
                NetworkHost.valid(host) ? host : null);
        return routePolls.poll(poller, since, Duration.ofSeconds(Math.min(Math.max(wait, 0), MAX_WAIT_SECONDS)));
    }

    /** The routes each poller serves: the table read once, then each formation's share of it, per network host. */
    private Map<Poller, List<RouteTable.Route>> tables(Set<Poller> pollers) {
        long began = System.nanoTime();
        List<ReachableRoute> all = tables.table();
        Map<Long, List<ReachableRoute>> byFormation = new HashMap<>();
        Map<Share, List<RouteTable.Route>> shares = new HashMap<>();
        Map<Poller, List<RouteTable.Route>> answers = new HashMap<>();
        for (Poller poller : pollers) {
            answers.put(poller, shares.computeIfAbsent(new Share(poller.formationId(), poller.host()), share ->
                    ReachableRoute.forRouter(share.formationId() == null ? all
                            : byFormation.computeIfAbsent(share.formationId(), id -> ofFormation(all, id)), share.host())));
        }
        log.debug("route table for {} routers: read in {} ms", pollers.size(), (System.nanoTime() - began) / 1_000_000);
        return answers;
    }

    private List<ReachableRoute> ofFormation(List<ReachableRoute> routes, long formationId) {
        Set<String> apps = Set.copyOf(jdbc.queryForList("SELECT name FROM apps WHERE formation_id = ?", String.class,
                formationId));
        return routes.stream().filter(r -> apps.contains(r.app())).toList();
    }

    @PreDestroy
    void stop() {
        routePolls.shutdown();
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
