package dev.paas.controller.addon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an attached app's container reaches each of its add-ons, decided purely from where both run. On the add-on's
 * own Docker host it joins the add-on's network, where the add-on's name resolves to the service. Elsewhere it gets
 * the add-on's name in its /etc/hosts at the address of the add-on's node, where the service is published at its own
 * port: the URL ({@code scheme://u:p@NAME:PORT}) is the same on every node.
 */
public final class AddonReach {

    /**
     * An add-on as its attached apps see it.
     *
     * @param nodeHost    its node's api.NetworkHost (null if unknown): nodes with the same one share its Docker host
     * @param nodeAddress its node's registered address, where it is published
     * @param published   false for an add-on made before V35: it has no port of its own, only its network
     */
    public record Target(String name, Long nodeId, String nodeHost, String nodeAddress, boolean published) {
    }

    /** What one container gets: add-on networks to join, {@code NAME:ADDRESS} lines for its /etc/hosts. */
    public record Ways(List<String> networks, List<String> hosts) {
        public static final Ways NONE = new Ways(List.of(), List.of());
    }

    private AddonReach() {
    }

    /** For a container on node {@code nodeId} (network host {@code nodeHost}, null if unknown). */
    public static Ways forContainer(List<Target> targets, Long nodeId, String nodeHost) {
        if (targets.isEmpty()) {
            return Ways.NONE;
        }
        List<String> networks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (Target target : targets) {
            if (sameDockerHost(target, nodeId, nodeHost)) {
                networks.add(dev.paas.api.ServiceParts.networkOf(target.name()));
            } else {
                hosts.add(target.name() + ":" + target.nodeAddress());
            }
        }
        networks.sort(String::compareTo);
        hosts.sort(String::compareTo);
        return new Ways(networks, hosts);
    }

    /**
     * True where the add-on's network is there to join: its own node, a node of the same network host (agents that
     * share a Docker engine), a node at a loopback address (a one-machine cluster: nothing else could reach it), and
     * always for an unpublished add-on (the network is its only way in).
     */
    static boolean sameDockerHost(Target target, Long nodeId, String nodeHost) {
        return !target.published() || Objects.equals(target.nodeId(), nodeId)
                || (nodeHost != null && nodeHost.equals(target.nodeHost())) || loopback(target.nodeAddress());
    }

    private static boolean loopback(String address) {
        return address == null || address.startsWith("127.") || address.equals("localhost") || address.equals("::1");
    }
}
