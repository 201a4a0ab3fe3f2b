package dev.paas.controller.node;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.DrainRequest;
import dev.paas.api.DrainResult;
import dev.paas.api.NodeView;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.limits.FormationLimitStore;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Nodes for admins: the list, and draining one (its containers move elsewhere with no downtime). */
@RestController
class NodeAdminController {

    private final NodeRepository nodes;
    private final ContainerRepository containers;
    private final Scheduler scheduler;
    private final ChangeFeed feed;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Duration wait;
    private final FormationLimitStore limits;

    NodeAdminController(NodeRepository nodes, ContainerRepository containers, Scheduler scheduler, ChangeFeed feed,
                        JdbcTemplate jdbc, TransactionTemplate tx, PaasProperties properties,
                        FormationLimitStore limits) {
        this.limits = limits;
        this.nodes = nodes;
        this.containers = containers;
        this.scheduler = scheduler;
        this.feed = feed;
        this.jdbc = jdbc;
        this.tx = tx;
        this.wait = properties.deployTimeout();
    }

    @GetMapping("/v1/nodes")
    @Transactional(readOnly = true)
    List<NodeView> list(HttpServletRequest request) {
        admin(request);
        Map<Long, String> formations = new HashMap<>();
        jdbc.query("SELECT id, name FROM formations", rs -> {
            formations.put(rs.getLong(1), rs.getString(2));
        });
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Integer> memory = new HashMap<>();
        Map<Long, Integer> cpu = new HashMap<>();
        int fallback = scheduler.containerMemoryMb();
        containers.findAll().forEach(c -> {
            counts.merge(c.getNode().getId(), 1, Integer::sum);
            memory.merge(c.getNode().getId(), c.memoryMb(fallback), Integer::sum);
            cpu.merge(c.getNode().getId(), c.cpuMillis(), Integer::sum);
        });
        Map<Long, Double> overcommit = new HashMap<>();
        Instant liveSince = Instant.now().minus(scheduler.nodeTimeout());
        return nodes.findAll().stream()
                .sorted(java.util.Comparator.comparing(Node::getName))
                .map(n -> new NodeView(n.getName(), formations.get(n.getFormationId()), n.getLayer(), n.getAddress(),
                        n.getCapacityMb(), counts.getOrDefault(n.getId(), 0), n.getLastHeartbeat(),
                        n.isDrained() ? "drained" : n.getLastHeartbeat().isAfter(liveSince) ? "up" : "down",
                        !n.getLayer().equals("runtime") ? null : new NodeView.Resources(
                                Scheduler.schedulableMb(n.getCapacityMb(), overcommit.computeIfAbsent(n.getFormationId(),
                                        id -> limits.overcommit(limits.of(id)))),
                                memory.getOrDefault(n.getId(), 0), n.getCpuMillis(), cpu.getOrDefault(n.getId(), 0))))
                .toList();
    }

    /** Answers once nothing runs on the node any more, or when the wait gives up. */
    @PostMapping("/v1/drains")
    DrainResult drain(@RequestBody DrainRequest body, HttpServletRequest request) throws InterruptedException {
        admin(request);
        Node node = nodes.findByName(body.node() == null ? "" : body.node())
                .orElseThrow(() -> ApiException.notFound("Unknown node '" + body.node() + "': 'paas nodes' lists them."));
        Integer moved = tx.execute(status -> scheduler.drain(nodes.findById(node.getId()).orElseThrow()));
        feed.bump();
        long deadline = System.nanoTime() + wait.toNanos();
        long version = feed.version();
        int remaining = containers.findByNodeIdOrderByName(node.getId()).size();
        while (remaining > 0 && System.nanoTime() < deadline) {
            version = feed.awaitChange(version, Duration.ofMillis(500));
            remaining = containers.findByNodeIdOrderByName(node.getId()).size();
        }
        return new DrainResult(node.getName(), moved == null ? 0 : moved, remaining);
    }

    private static void admin(HttpServletRequest request) {
        if (!CurrentUser.of(request).isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins manage nodes.");
        }
    }
}
