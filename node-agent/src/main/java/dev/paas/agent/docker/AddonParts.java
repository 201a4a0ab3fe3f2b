package dev.paas.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.Labels;

import java.util.List;
import java.util.Map;

/**
 * What add-ons add to a container (docs/architecture.md, "Add-ons"): a service container's named volume and
 * unprivileged user, and the add-on networks a container joins before it starts. An add-on's network is a plain
 * bridge of its own: its service is reachable there under the add-on's name, and only containers of attached apps
 * join it (the apps network keeps containers apart; Docker isolates bridges from each other). It is internal: no
 * gateway, so it carries only traffic between the service and attached apps.
 */
public final class AddonParts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AddonParts.class);

    /** Labels on the volumes and networks the agent makes for add-ons, so it only ever removes its own. */
    public static final String ADDON_LABEL = "paas.addon";

    private AddonParts() {
    }

    /** A service container's volume (made with the platform's labels if missing) and user. */
    static void prepare(DockerClient docker, CreateContainerCmd create, HostConfig host, ContainerSpec spec) {
        if (spec.service() == null) {
            return;
        }
        String volume = spec.service().volume();
        try {
            docker.inspectVolumeCmd(volume).exec();
        } catch (NotFoundException missing) {
            docker.createVolumeCmd().withName(volume)
                    .withLabels(Map.of(Labels.MANAGED, "true", ADDON_LABEL, spec.service().alias())).exec();
            log.info("created volume {} for add-on {}", volume, spec.service().alias());
        }
        host.withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(volume)
                .withTarget(spec.service().mountPath())));
        if (spec.service().user() != null) {
            create.withUser(spec.service().user());
        }
    }

    /** Joins the created (not yet started) container to its add-on networks; the service under its alias. */
    static void join(DockerClient docker, String containerId, ContainerSpec spec) {
        for (String network : spec.networks()) {
            ensureNetwork(docker, network);
            ContainerNetwork endpoint = new ContainerNetwork();
            if (spec.service() != null) {
                endpoint.withAliases(spec.service().alias());
            }
            docker.connectToNetworkCmd().withNetworkId(network).withContainerId(containerId)
                    .withContainerNetwork(endpoint).exec();
        }
    }

    /**
     * Docker's {@code --add-host} lines for add-ons on other nodes ({@code NAME:ADDRESS}): the address is resolved
     * here when a node registered with a host name, since Docker takes only IP addresses. A name that does not
     * resolve is left out (the app then fails to reach that add-on, which its state and logs show).
     */
    static String[] extraHosts(List<String> lines) {
        return lines.stream().map(line -> {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String name = line.substring(0, colon);
            String address = line.substring(colon + 1);
            try {
                return name + ":" + java.net.InetAddress.getByName(address).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                log.warn("add-on {}: its node's address {} does not resolve", name, address);
                return null;
            }
        }).filter(java.util.Objects::nonNull).toArray(String[]::new);
    }

    static void ensureNetwork(DockerClient docker, String name) {
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException missing) {
            try {
                // Internal: no gateway, so a container's default route (and with it the host firewall's chains for
                // the apps bridge) stays on the apps network, and nothing on it reaches or is reached from outside.
                docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                        .withOptions(Map.of(AppNetwork.BRIDGE_NAME, bridgeOf(name)))
                        .withLabels(Map.of(Labels.MANAGED, "true", ADDON_LABEL, name))
                        .withCheckDuplicate(true).exec();
                log.info("created the add-on network {}", name);
            } catch (ConflictException raced) {
                // Another agent on this host made it meanwhile.
            }
        }
    }

    /**
     * The bridge interface of an add-on network: {@code pa-} and 12 hex digits of its name's hash (an interface name
     * has at most 15 characters), so the host firewall can match them all ({@code HostFirewall.ADDON_BRIDGES}).
     */
    static String bridgeOf(String network) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(network.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "pa-" + java.util.HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes a destroyed add-on's volume and network if this engine has them (and they carry the platform's
     * label); true once both are gone. The network stays while containers still use it (they are being replaced).
     */
    public static boolean discard(DockerClient docker, String volume, String network) {
        boolean gone = true;
        try {
            var v = docker.inspectVolumeCmd(volume).exec();
            if (v.getLabels() != null && v.getLabels().containsKey(ADDON_LABEL)) {
                docker.removeVolumeCmd(volume).exec();
                log.info("removed volume {} of a destroyed add-on", volume);
            }
        } catch (NotFoundException already) {
            // gone
        } catch (ConflictException inUse) {
            gone = false;
        }
        try {
            var n = docker.inspectNetworkCmd().withNetworkId(network).exec();
            if (n.getLabels() != null && n.getLabels().containsKey(ADDON_LABEL)) {
                docker.removeNetworkCmd(network).exec();
                log.info("removed network {} of a destroyed add-on", network);
            }
        } catch (NotFoundException already) {
            // gone
        } catch (RuntimeException inUse) {
            gone = false;
        }
        return gone;
    }
}
