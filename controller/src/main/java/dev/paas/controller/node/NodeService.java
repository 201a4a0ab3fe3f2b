package dev.paas.controller.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.paas.api.DesiredContainer;
import dev.paas.api.LogLine;
import dev.paas.api.NodeRegistration;
import dev.paas.api.ObservedContainer;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.formation.Formations;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.health.HealthChecks;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The database side of the node protocol: registration, desired containers, observed state. */
@Service
class NodeService {

    private final NodeRepository nodes;
    private final ContainerRepository containers;
    private final Formations formations;
    private final HealthChecks healthChecks;
    private final Scheduler scheduler;

    NodeService(NodeRepository nodes, ContainerRepository containers, Formations formations, HealthChecks healthChecks,
                Scheduler scheduler) {
        this.healthChecks = healthChecks;
        this.scheduler = scheduler;
        this.nodes = nodes;
        this.containers = containers;
        this.formations = formations;
    }

    /**
     * @param grant the join token's formation and layer, which decide over the registration's; null when the node
     *              presented the cluster's node token and names them itself
     */
    @Transactional
    public void register(NodeRegistration registration, JoinTokens.Grant grant) {
        if (registration.name() == null || !registration.name().matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw ApiException.badRequest("Node name '" + registration.name() + "' is invalid: use lowercase letters,"
                    + " digits and dashes.");
        }
        String formation = grant != null ? grant.formation()
                : registration.formation() == null ? "default" : registration.formation();
        long formationId = formations.idOf(formation)
                .orElseThrow(() -> ApiException.badRequest("Unknown formation '" + formation + "'."));
        String layer = grant != null ? grant.layer() : registration.layer() == null ? "runtime" : registration.layer();
        if (!layer.equals("runtime") && !layer.equals("proxy")) {
            throw ApiException.badRequest("Layer must be 'runtime' or 'proxy', not '" + layer + "'.");
        }
        Node node = nodes.findByName(registration.name()).orElseGet(() -> new Node(registration.name()));
        if (grant != null && node.getId() != null
                && (node.getFormationId() != formationId || !node.getLayer().equals(layer))) {
            throw ApiException.conflict("Node '" + node.getName() + "' is already in another formation or layer:"
                    + " a join token for the " + layer + " layer of " + formation + " cannot move it; choose another name.");
        }
        int capacity = registration.capacityMb() > 0 ? registration.capacityMb() : 4096;
        node.register(formationId, layer, registration.address(), capacity);
        nodes.save(node);
    }

    @Transactional(readOnly = true)
    public List<DesiredContainer> desired(String nodeName) {
        Node node = find(nodeName);
        Map<String, dev.paas.api.HealthCheck> checks = healthChecks.all();
        return containers.findByNodeIdOrderByName(node.getId()).stream()
                .map(c -> c.desired(checks.get(HealthChecks.key(c.getAppId(), c.getProcessType())), scheduler.containerMemoryMb()))
                .toList();
    }

    /**
     * What a report changed: whether anything a watcher cares about did, and the state changes for the apps'
     * logs, which the caller stores after it has told the watchers (a log write is no reason to make a scale
     * wait).
     */
    record Observed(boolean changed, List<LogLine> events) {
    }

    /** Records what the node sees. */
    @Transactional
    public Observed observed(String nodeName, List<ObservedContainer> observed) {
        Node node = find(nodeName);
        node.heartbeat();
        Map<String, ObservedContainer> byName = new HashMap<>();
        observed.forEach(o -> byName.put(o.name(), o));
        boolean changed = false;
        List<LogLine> events = new ArrayList<>();
        for (Container container : containers.findByNodeIdOrderByName(node.getId())) {
            ObservedContainer seen = byName.get(container.getName());
            String state = seen == null ? Container.PENDING : seen.state();
            Integer port = seen == null ? null : seen.hostPort();
            String dockerId = seen == null ? null : seen.dockerId();
            if (!Objects.equals(state, container.getObservedState()) || !Objects.equals(port, container.getHostPort())) {
                if (!Objects.equals(state, container.getObservedState())) {
                    events.add(stateChanged(container, state));
                }
                container.observe(state, port, dockerId);
                changed = true;
            }
        }
        return new Observed(changed, events);
    }

    /** Heroku's "State changed from starting to up", for the app's log stream. */
    private static LogLine stateChanged(Container container, String state) {
        String from = container.getObservedState();
        String process = container.getProcessType() + "." + container.getIndex();
        int release = container.getRelease().getVersion();
        String text = ObservedContainer.EXITED.equals(state) && !Container.PENDING.equals(from)
                ? process + " (v" + release + ") crashed: state changed from " + from + " to " + state
                : process + " (v" + release + "): state changed from " + from + " to " + state;
        return PlatformEvents.event(container.desired().app(), process, release, text);
    }

    private Node find(String nodeName) {
        return nodes.findByName(nodeName)
                .orElseThrow(() -> ApiException.notFound("Unknown node '" + nodeName + "': register it first."));
    }
}
