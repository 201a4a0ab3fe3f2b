package dev.paas.controller.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.paas.api.DesiredContainer;
import dev.paas.api.LogLine;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.ObservedContainer;
import dev.paas.controller.addon.AddonDesired;
import dev.paas.controller.addon.AddonReach;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.formation.Formations;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.health.HealthChecks;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The database side of the node protocol: registration, desired containers, observed state. */
@Service
class NodeService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeService.class);
    /** Bounds the memory of which foreign containers were already logged; forgetting only means logging again. */
    private static final int LOGGED_ONCE_MAX = 10_000;

    private final NodeRepository nodes;
    private final NodeCredentials credentials;
    private final Set<String> loggedUnplaced = ConcurrentHashMap.newKeySet();
    private final ContainerRepository containers;
    private final Formations formations;
    private final HealthChecks healthChecks;
    private final Scheduler scheduler;
    private final Duration silence;
    private final AddonDesired addons;
    private final Heartbeats heartbeats;

    NodeService(NodeRepository nodes, ContainerRepository containers, Formations formations, HealthChecks healthChecks,
                Scheduler scheduler, NodeCredentials credentials, AddonDesired addons, Heartbeats heartbeats,
                @Value("${paas.node-reregister-after:12s}") Duration silence) {
        this.heartbeats = heartbeats;
        this.addons = addons;
        this.silence = silence;
        this.credentials = credentials;
        this.healthChecks = healthChecks;
        this.scheduler = scheduler;
        this.nodes = nodes;
        this.containers = containers;
        this.formations = formations;
    }

    /**
     * Registers a node, or registers it again after a restart (from the same address only, and only once the node
     * has been silent for a while: a live node is not handed to whoever holds a token), and hands it a new
     * credential of its own, which replaces the one it had.
     *
     * @param grant the join token's formation and layer, which decide over the registration's; null when the node
     *              presented the cluster's node token and names them itself
     */
    @Transactional
    public NodeRegistered register(NodeRegistration registration, JoinTokens.Grant grant) {
        if (registration.name() == null || !registration.name().matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw ApiException.badRequest("Node name '" + registration.name() + "' is invalid: use lowercase letters,"
                    + " digits and dashes.");
        }
        if (registration.address() == null || registration.address().isBlank()) {
            throw ApiException.badRequest("Node '" + registration.name() + "' gave no address: routers reach its"
                    + " containers there.");
        }
        String formation = grant != null ? grant.formation()
                : registration.formation() == null ? "default" : registration.formation();
        long formationId = formations.idOf(formation)
                .orElseThrow(() -> ApiException.badRequest("Unknown formation '" + formation + "'."));
        String layer = grant != null ? grant.layer() : registration.layer() == null ? "runtime" : registration.layer();
        if (!layer.equals("runtime") && !layer.equals("proxy")) {
            throw ApiException.badRequest("Layer must be 'runtime' or 'proxy', not '" + layer + "'.");
        }
        int firstPort = registration.firstPort() == null ? 20000 : registration.firstPort();
        int lastPort = registration.lastPort() == null ? 20999 : registration.lastPort();
        if (firstPort < 1024 || lastPort > 65535 || firstPort > lastPort) {
            throw ApiException.badRequest("Port range " + firstPort + "-" + lastPort + " of node '"
                    + registration.name() + "' is invalid: FIRST-LAST within 1024-65535.");
        }
        Node node = nodes.lockByName(registration.name()).orElseGet(() -> new Node(registration.name()));
        if (grant != null && node.getId() != null
                && (node.getFormationId() != formationId || !node.getLayer().equals(layer))) {
            throw ApiException.conflict("Node '" + node.getName() + "' is already in another formation or layer:"
                    + " a join token for the " + layer + " layer of " + formation + " cannot move it; choose another name.");
        }
        if (node.getId() != null && !node.getAddress().equals(registration.address())) {
            // Whoever holds a token could otherwise take over a node's name and have its traffic sent elsewhere.
            throw ApiException.conflict("Node '" + node.getName() + "' is registered at " + node.getAddress()
                    + ", not " + registration.address() + ": a node registers again only from its own address (a"
                    + " restart). Start this one under another name; there is no command to remove a node yet"
                    + " ('paas nodes:drain " + node.getName() + "' moves its containers away).");
        }
        if (node.getId() != null && node.hasCredential() && node.heardFromWithin(silence)) {
            // A token holder could otherwise take the credential of a node that runs, and read its desired state
            // (the config of every app placed there) or report for it; the real node would only notice at its
            // next call. A restarted node is silent by then and registers again after a few seconds of retrying.
            throw new ApiException(HttpStatus.LOCKED, "Node '" + node.getName() + "' is live (heard from "
                    + Duration.between(node.getLastHeartbeat(), Instant.now()).toSeconds() + "s ago): it speaks with"
                    + " its own credential, and a token registers it again only once it has been silent for "
                    + silence.toSeconds() + "s (paas.node-reregister-after). A restarted node retries until then.");
        }
        int capacity = registration.capacityMb() > 0 ? registration.capacityMb() : 4096;
        int cpuMillis = registration.cpuMillis() == null || registration.cpuMillis() < 0 ? 0 : registration.cpuMillis();
        node.register(formationId, layer, registration.address(), capacity, cpuMillis, firstPort, lastPort,
                dev.paas.api.NetworkHost.valid(registration.host()) ? registration.host() : null);
        String credential = credentials.generate();
        node.credential(TokenService.sha256(credential), grant == null ? null : grant.tokenId());
        nodes.save(node);
        // the node's previous credential stops speaking for it once this commits
        credentials.forgetAll();
        return new NodeRegistered(node.getName(), credential);
    }

    @Transactional(readOnly = true)
    public List<DesiredContainer> desired(String nodeName) {
        find(nodeName);
        return desired(Set.of(nodeName)).getOrDefault(nodeName, NodeDesired.NONE).containers();
    }

    /** Destroyed add-ons whose volume and network the node removes. */
    @Transactional(readOnly = true)
    public List<String> discarded(String nodeName) {
        return addons.discarded(find(nodeName).getId());
    }

    /** What one node should run, and the destroyed add-ons whose volume and network it removes. */
    public record NodeDesired(List<DesiredContainer> containers, List<String> discarded) {
        static final NodeDesired NONE = new NodeDesired(List.of(), List.of());

        /** Whether this only stops some of {@code before}'s containers: it starts and changes nothing. */
        boolean onlyStops(NodeDesired before) {
            return containers.size() < before.containers.size() && discarded.equals(before.discarded)
                    && new java.util.HashSet<>(before.containers).containsAll(containers);
        }
    }

    /**
     * What each of the named nodes that exist should run, in a few queries whatever their number (the long polls
     * answer all waiting nodes from one call). A release's own app.json check wins over the app's check of the
     * type (paas healthchecks:set); an app's containers reach the add-ons it is attached to ({@link AddonReach}).
     */
    @Transactional(readOnly = true)
    public Map<String, NodeDesired> desired(Set<String> nodeNames) {
        Map<Long, String> names = new java.util.HashMap<>();
        nodes.findByNameIn(nodeNames).forEach(node -> names.put(node.getId(), node.getName()));
        Map<String, NodeDesired> desired = new java.util.HashMap<>();
        if (names.isEmpty()) {
            return desired;
        }
        Map<String, dev.paas.api.HealthCheck> checks = healthChecks.all();
        Map<String, dev.paas.api.HealthCheck> ofBuilds = healthChecks.ofBuilds();
        List<Container> placed = containers.findByNodeIdInOrderByName(names.keySet());
        Map<Long, List<AddonReach.Target>> reach = addons.targetsByApp(placed.stream().map(Container::getAppId)
                .collect(Collectors.toSet()));
        Map<Long, List<DesiredContainer>> byNode = new java.util.HashMap<>();
        for (Container c : placed) {
            AddonReach.Ways ways = AddonReach.forContainer(reach.getOrDefault(c.getAppId(), List.of()),
                    c.getNode().getId(), c.getNode().getNetworkHost());
            byNode.computeIfAbsent(c.getNode().getId(), id -> new ArrayList<>()).add(c.desired(
                    ofBuilds.getOrDefault(HealthChecks.key(c.getRelease().getBuild().getId(), c.getProcessType()),
                            checks.get(HealthChecks.key(c.getAppId(), c.getProcessType()))),
                    scheduler.containerMemoryMb()).reaching(ways.networks(), ways.hosts()));
        }
        Map<Long, List<DesiredContainer>> services = addons.servicesByNode(names.keySet());
        Map<Long, List<String>> discarded = addons.discardedByNode(names.keySet());
        names.forEach((id, name) -> {
            List<DesiredContainer> all = new ArrayList<>(byNode.getOrDefault(id, List.of()));
            all.addAll(services.getOrDefault(id, List.of()));
            desired.put(name, new NodeDesired(List.copyOf(all), discarded.getOrDefault(id, List.of())));
        });
        return desired;
    }

    /**
     * What a report changed: whether anything a watcher cares about did, and the state changes for the apps'
     * logs, which the caller stores after it has told the watchers (a log write is no reason to make a scale
     * wait).
     */
    record Observed(boolean changed, List<LogLine> events) {
    }

    /** Records what the node sees; its report time is written in a batch (see {@link Heartbeats}). */
    @Transactional
    public Observed observed(String nodeName, List<ObservedContainer> observed) {
        Node node = find(nodeName);
        List<Container> placed = containers.findByNodeIdOrderByName(node.getId());
        Set<String> placedNames = placed.stream().map(Container::getName)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        AddonDesired.OnNode services = addons.onNode(node.getId());
        placedNames.addAll(services.placed());
        ReportCheck.Checked checked = ReportCheck.check(placedNames, services.published(),
                node.getFirstPort(), node.getLastPort(), observed);
        if (checked.refused()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Node '" + nodeName + "' reported "
                    + String.join(", ", checked.badPorts()) + ", outside the host ports it registered with ("
                    + node.getFirstPort() + "-" + node.getLastPort() + "): the report is refused.");
        }
        logUnplaced(nodeName, checked.unplaced());
        heartbeats.beat(nodeName);
        Map<String, ObservedContainer> byName = checked.placed();
        boolean changed = false;
        List<LogLine> events = new ArrayList<>();
        for (Container container : placed) {
            ObservedContainer seen = byName.get(container.getName());
            String state = seen == null ? Container.PENDING : seen.state();
            Integer port = seen == null ? null : seen.hostPort();
            String ip = seen == null ? null : seen.ip();
            String dockerId = seen == null ? null : seen.dockerId();
            if (seen != null && container.exited(seen.lastExit(), seen.lastExitAt())) {
                if (ObservedContainer.OUT_OF_MEMORY.equals(seen.lastExit())) {
                    events.add(outOfMemory(container));
                    changed = true;
                } else if (!ObservedContainer.EXITED.equals(state)) {
                    // The agent restarted it before a report said it exited: the exit is still told.
                    events.add(crashed(container));
                    changed = true;
                }
            }
            if (!Objects.equals(state, container.getObservedState()) || !Objects.equals(port, container.getHostPort())
                    || !Objects.equals(ip, container.getIp())) {
                if (!Objects.equals(state, container.getObservedState())) {
                    events.add(stateChanged(container, state));
                }
                container.observe(state, port, ip, dockerId);
                changed = true;
            }
        }
        List<LogLine> addonEvents = services.observe(byName);
        events.addAll(addonEvents);
        return new Observed(changed || !addonEvents.isEmpty(), events);
    }

    /**
     * Containers the controller did not place on the node are ignored. An agent legitimately reports the ones it is
     * stopping after they left its desired state; anything else is logged, once per node and name.
     */
    private void logUnplaced(String nodeName, List<ObservedContainer> unplaced) {
        for (ObservedContainer seen : unplaced) {
            if (ObservedContainer.STOPPING.equals(seen.state())) {
                continue;
            }
            if (loggedUnplaced.size() >= LOGGED_ONCE_MAX) {
                loggedUnplaced.clear();
            }
            if (loggedUnplaced.add(nodeName + "/" + seen.name())) {
                log.warn("node {} reports container {} ({}), which the controller did not place there: ignored",
                        nodeName, seen.name(), seen.state());
            }
        }
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

    /** It exited by itself and its agent has started it again (with back-off). */
    private static LogLine crashed(Container container) {
        String process = container.getProcessType() + "." + container.getIndex();
        int release = container.getRelease().getVersion();
        return PlatformEvents.event(container.desired().app(), process, release,
                process + " (v" + release + ") crashed: it exited and is started again with back-off");
    }

    /** The kernel killed it for going past its limit; its agent restarts it with back-off, as after a crash. */
    private LogLine outOfMemory(Container container) {
        String process = container.getProcessType() + "." + container.getIndex();
        return PlatformEvents.event(container.desired().app(), process, container.getRelease().getVersion(),
                process + " was killed: out of memory (limit " + container.memoryMb(scheduler.containerMemoryMb())
                        + " MB)");
    }

    /** A report that changes nothing (see {@link UnchangedReports}) is only a sign of life. */
    void heartbeat(String nodeName) {
        heartbeats.beat(nodeName);
    }

    private Node find(String nodeName) {
        return nodes.findByName(nodeName)
                .orElseThrow(() -> ApiException.notFound("Unknown node '" + nodeName + "': register it first."));
    }
}
