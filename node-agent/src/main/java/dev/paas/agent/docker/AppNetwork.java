package dev.paas.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Docker network app containers run on: a bridge whose interface carries the network's name (so the host
 * firewall can name it, whatever subnet Docker picks) and with inter-container communication disabled, so a
 * container cannot reach another one's address. Published ports still answer from the host, which is how routers
 * reach apps.
 */
public final class AppNetwork {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AppNetwork.class);

    static final String ICC = "com.docker.network.bridge.enable_icc";
    static final String BRIDGE_NAME = "com.docker.network.bridge.name";
    /** Also a Linux interface name: at most 15 characters. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,14}");

    private AppNetwork() {
    }

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Creates the network unless it exists; returns its bridge interface's name.
     *
     * @throws IllegalStateException when a network of that name exists but lets containers reach each other
     */
    public static String ensure(DockerClient docker, String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("Network name '" + name + "' is invalid: use lowercase letters,"
                    + " digits and dashes, at most 15 characters (it also names the bridge interface).");
        }
        try {
            return checked(docker.inspectNetworkCmd().withNetworkId(name).exec());
        } catch (NotFoundException missing) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge")
                        .withOptions(Map.of(ICC, "false", BRIDGE_NAME, name))
                        .withLabels(Map.of("paas.network", "apps"))
                        .withCheckDuplicate(true)
                        .exec();
                log.info("created the apps network {} (bridge {}, containers cannot reach each other)", name, name);
            } catch (ConflictException raced) {
                // Another agent or the controller on this host created it in the meantime.
            }
            return checked(docker.inspectNetworkCmd().withNetworkId(name).exec());
        }
    }

    private static String checked(Network network) {
        Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
        if (!"bridge".equals(network.getDriver()) || !"false".equals(options.get(ICC))) {
            throw new IllegalStateException("The Docker network " + network.getName() + " exists but lets containers"
                    + " reach each other (driver bridge with " + ICC + "=false expected): remove it with 'docker"
                    + " network rm " + network.getName() + "' and start the agent again.");
        }
        return options.getOrDefault(BRIDGE_NAME, "br-" + network.getId().substring(0, 12));
    }
}
