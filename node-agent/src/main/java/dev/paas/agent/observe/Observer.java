package dev.paas.agent.observe;

import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.DesiredContainer;
import dev.paas.api.HealthCheck;
import dev.paas.api.ObservedContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists the node's containers and decides each one's state. "Up" means the process accepts connections on the
 * container's own address, or passes its HTTP health check there when its process type has one: the published host port is no evidence, because docker-proxy accepts there before the
 * app listens.
 */
public final class Observer {

    private final ContainerEngine engine;
    private final String node;
    private final PortProbe probe;
    private final HealthJudge health;
    /** Null until the first desired state: until then every container is judged by its port. */
    private volatile Set<String> desiredNames;
    /**
     * Desired containers of other types than web without an HTTP check (workers, clocks): they need not listen on
     * anything, so running is up for them, as on Heroku; one that crashes is seen exited.
     */
    private volatile Set<String> upWhenRunning = Set.of();
    /** How each desired container last ended, by platform name; forgotten once the name is no longer desired. */
    private final Map<String, NodeContainer.Exit> lastExits = new ConcurrentHashMap<>();

    public Observer(ContainerEngine engine, String node, PortProbe probe) {
        this(engine, node, probe, HttpProbe.http(), System::nanoTime);
    }

    Observer(ContainerEngine engine, String node, PortProbe probe, HttpProbe http, java.util.function.LongSupplier clock) {
        this.engine = engine;
        this.node = node;
        this.probe = probe;
        this.health = new HealthJudge(http, clock);
    }

    /** The desired containers, for their HTTP health checks; any other running container is stopping. */
    public void expect(List<DesiredContainer> desired) {
        health.expect(desired);
        upWhenRunning = desired.stream().filter(d -> !"web".equals(d.processType()) && d.healthCheck() == null)
                .map(DesiredContainer::name).collect(Collectors.toUnmodifiableSet());
        desiredNames = desired.stream().map(DesiredContainer::name).collect(Collectors.toUnmodifiableSet());
        lastExits.keySet().retainAll(desiredNames);
    }

    public List<Observation> observe() {
        return engine.list(node).stream().map(c -> new Observation(c, stateOf(c), lastExit(c))).toList();
    }

    private NodeContainer.Exit lastExit(NodeContainer c) {
        if (c.name() == null) {
            return null;
        }
        if (!c.running() && c.exit() != null && c.exit().at().isAfter(java.time.Instant.EPOCH)) {
            Set<String> wanted = desiredNames;
            if (wanted == null || wanted.contains(c.name())) {
                lastExits.put(c.name(), c.exit());
            }
        }
        return lastExits.get(c.name());
    }

    /**
     * The same observations with each starting container whose port alone decides (no HTTP health check) probed
     * again, and judged up if it now accepts connections: a cheap look between two full observations (a TCP
     * connect each instead of a Docker listing). Null when none of them accepts yet.
     */
    public List<Observation> nowAccepting(List<Observation> seen) {
        boolean any = false;
        List<Observation> now = new ArrayList<>(seen.size());
        for (Observation o : seen) {
            NodeContainer c = o.container();
            if (o.starting() && c.ip() != null && c.port() != null && health.checkFor(c.name()) == null
                    && probe.accepts(c.ip(), c.port())) {
                now.add(new Observation(c, ObservedContainer.UP, o.lastExit()));
                any = true;
            } else {
                now.add(o);
            }
        }
        return any ? now : null;
    }

    private String stateOf(NodeContainer c) {
        if (!c.running()) {
            return c.exit() == NodeContainer.Exit.NOT_STARTED ? ObservedContainer.STARTING : ObservedContainer.EXITED;
        }
        Set<String> wanted = desiredNames;
        if (wanted != null && !wanted.contains(c.name())) {
            return ObservedContainer.STOPPING;
        }
        if (c.ip() == null || c.port() == null) {
            return ObservedContainer.STARTING;
        }
        HealthCheck check = health.checkFor(c.name());
        if (check != null) {
            return health.judge(c.name(), c.ip(), c.port(), check);
        }
        if (upWhenRunning.contains(c.name())) {
            return ObservedContainer.UP;
        }
        return probe.accepts(c.ip(), c.port()) ? ObservedContainer.UP : ObservedContainer.STARTING;
    }
}
