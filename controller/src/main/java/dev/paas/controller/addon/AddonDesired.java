package dev.paas.controller.addon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.paas.api.DesiredContainer;
import dev.paas.api.LogLine;
import dev.paas.api.ObservedContainer;
import dev.paas.api.ServiceParts;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.node.Node;
import dev.paas.controller.node.NodeRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The add-ons' part of a node's desired state: the service containers it runs, how its app containers reach their
 * add-ons (networks, host names), the destroyed add-ons whose volumes it removes; and what its report says of its
 * services.
 */
@Service
public class AddonDesired {

    /** How long the controller keeps telling a node to remove a destroyed add-on's volume. */
    static final Duration DISCARD_FOR = Duration.ofDays(7);

    private final AddonRepository addons;
    private final AttachmentRepository attachments;

    private final AppRepository apps;
    private final NodeRepository nodes;

    /** The cluster registry, where deploy/lib/images.sh --seed-registry puts the add-on images for other hosts. */
    private final String registry;

    AddonDesired(AddonRepository addons, AttachmentRepository attachments, AppRepository apps, NodeRepository nodes,
                 PaasProperties properties) {
        this.registry = properties.registry();
        this.nodes = nodes;
        this.apps = apps;
        this.addons = addons;
        this.attachments = attachments;
    }

    @Transactional(readOnly = true)
    public List<DesiredContainer> services(Long nodeId) {
        return addons.findByNodeIdAndDestroyedAtIsNullOrderByName(nodeId).stream()
                .map(addon -> service(addon, registry)).toList();
    }

    /** {@link #services} of each of these nodes that has any, in one query (the long polls' batch). */
    @Transactional(readOnly = true)
    public Map<Long, List<DesiredContainer>> servicesByNode(Collection<Long> nodeIds) {
        Map<Long, List<DesiredContainer>> byNode = new HashMap<>();
        if (!nodeIds.isEmpty()) {
            for (Addon addon : addons.findByNodeIdInAndDestroyedAtIsNullOrderByName(nodeIds)) {
                byNode.computeIfAbsent(addon.getNodeId(), id -> new ArrayList<>()).add(service(addon, registry));
            }
        }
        return byNode;
    }

    /**
     * The memory limits of the live add-ons' service containers, by node id: the scheduler counts them as taken
     * when it places app containers, as it counts other containers' limits.
     */
    @Transactional(readOnly = true)
    public Map<Long, Integer> memoryMbByNode() {
        Map<Long, Integer> byNode = new HashMap<>();
        for (Addon addon : addons.findByNodeIdIsNotNullAndDestroyedAtIsNull()) {
            byNode.merge(addon.getNodeId(), AddonPlans.memoryMb(addon.getPlan()).orElse(AddonPlans.FALLBACK_MB),
                    Integer::sum);
        }
        return byNode;
    }

    /** {@link #discarded} of each of these nodes that has any, in one query. */
    @Transactional(readOnly = true)
    public Map<Long, List<String>> discardedByNode(Collection<Long> nodeIds) {
        Map<Long, List<String>> byNode = new HashMap<>();
        if (!nodeIds.isEmpty()) {
            for (Addon addon : addons.discardedOnAny(nodeIds, Instant.now().minus(DISCARD_FOR))) {
                byNode.computeIfAbsent(addon.getNodeId(), id -> new ArrayList<>()).add(addon.getName());
            }
        }
        return byNode;
    }

    /** The add-on's service container; its image is pulled from {@code registry} by a host that lacks it. */
    static DesiredContainer service(Addon addon, String registry) {
        AddonType type = addon.type();
        int memoryMb = AddonPlans.memoryMb(addon.getPlan()).orElse(AddonPlans.FALLBACK_MB);
        return new DesiredContainer(addon.containerName(), addon.getName(), 0, "addon", 1, type.image(), List.of(),
                type.env(addon.credentials(), addon.servicePort()), addon.servicePort(), null, memoryMb, 0,
                List.of(ServiceParts.networkOf(addon.getName())),
                new ServiceParts(addon.getName(), ServiceParts.volumeOf(addon.getName()), type.mountPath(),
                        type.user(), addon.getPort(), registry + "/" + type.image()));
    }

    /**
     * For each of these apps attached to an add-on, its add-ons as its containers see them; {@link AddonReach} decides
     * per container whether it joins an add-on's network or reaches it at its node's address.
     */
    @Transactional(readOnly = true)
    public Map<Long, List<AddonReach.Target>> targetsByApp(Collection<Long> appIds) {
        if (appIds.isEmpty()) {
            return Map.of();
        }
        List<Attachment> found = attachments.findByAppIdIn(appIds);
        Map<Long, Addon> live = addons.findByIdIn(found.stream().map(Attachment::getAddonId).distinct().toList())
                .stream().filter(a -> !a.isDestroyed())
                .collect(Collectors.toMap(Addon::getId, a -> a));
        Map<Long, Node> nodesById = nodes.findAllById(live.values().stream().map(Addon::getNodeId)
                .filter(java.util.Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(Node::getId, n -> n));
        Map<Long, List<AddonReach.Target>> byApp = new HashMap<>();
        for (Attachment attachment : found) {
            Addon addon = live.get(attachment.getAddonId());
            if (addon != null) {
                Node node = nodesById.get(addon.getNodeId());
                byApp.computeIfAbsent(attachment.getAppId(), k -> new ArrayList<>()).add(new AddonReach.Target(
                        addon.getName(), addon.getNodeId(), node == null ? null : node.getNetworkHost(),
                        node == null ? null : node.getAddress(), addon.published() && node != null));
            }
        }
        return byApp;
    }

    /**
     * The node's services as one report needs them, read once (a report used to read them three times): a rollout
     * to 1,000 nodes stores 1,000 reports or more.
     */
    @Transactional(readOnly = true)
    public OnNode onNode(Long nodeId) {
        return new OnNode(addons.findByNodeIdAndDestroyedAtIsNullOrderByName(nodeId));
    }

    /** A node's services, read in the report's transaction. */
    public final class OnNode {
        private final List<Addon> services;

        private OnNode(List<Addon> services) {
            this.services = services;
        }

        /** The names of the service containers placed on the node, for the report's check. */
        public Set<String> placed() {
            return services.stream().map(Addon::containerName).collect(Collectors.toSet());
        }

        /**
         * The host ports the node's services are published on, by container name: outside the node's range for
         * app containers, and still its own to report.
         */
        public Map<String, Integer> published() {
            return services.stream().filter(Addon::published)
                    .collect(Collectors.toMap(Addon::containerName, Addon::servicePort));
        }

        /**
         * Records what the node sees of its services (in the report's transaction); returns the changes, as
         * "postgres-amber-42: state changed from starting to up", one line (source addon) for each attached app's
         * log.
         */
        public List<LogLine> observe(Map<String, ObservedContainer> seen) {
            return AddonDesired.this.observe(services, seen);
        }
    }

    @Transactional(readOnly = true)
    public List<String> discarded(Long nodeId) {
        return addons.discardedOn(nodeId, Instant.now().minus(DISCARD_FOR));
    }

    private List<LogLine> observe(List<Addon> services, Map<String, ObservedContainer> seen) {
        List<LogLine> lines = new ArrayList<>();
        for (Addon addon : services) {
            ObservedContainer container = seen.get(addon.containerName());
            String state = container == null ? Addon.PENDING : container.state();
            String before = addon.getObservedState();
            String text;
            if (addon.observe(state)) {
                text = (ObservedContainer.EXITED.equals(state) ? addon.getName() + " crashed: state changed from "
                        : addon.getName() + ": state changed from ") + before + " to " + state;
            } else if (container != null && !ObservedContainer.EXITED.equals(state)
                    && addon.exitedUnseen(container.lastExitAt())) {
                text = addon.getName() + " crashed: state changed from exited to " + state + " (started again)";
            } else {
                continue;
            }
            for (Attachment attachment : attachments.findByAddonIdOrderById(addon.getId())) {
                apps.findById(attachment.getAppId()).ifPresent(app -> lines.add(
                        new LogLine(0, Instant.now(), app.getName(), LogLine.ADDON, addon.getName(), null, text)));
            }
        }
        return lines;
    }
}
