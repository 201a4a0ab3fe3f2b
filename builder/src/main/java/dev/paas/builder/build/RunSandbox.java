package dev.paas.builder.build;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Network;

/**
 * How the controller's own app processes run (one-offs of {@code paas run}, the release phase): confined as the
 * node-agent confines app containers (its {@code AppSandbox} and {@code AppNetwork}; the agent is a separate
 * program without the builder, hence this copy), on the same apps network, whose host firewall the agent of
 * this host sets. The user is the image's own: buildpack images name the stack's unprivileged user.
 */
public record RunSandbox(String network, long pidsLimit, int cpuShares, int memoryMb) {

    static final String ICC = "com.docker.network.bridge.enable_icc";
    static final String BRIDGE_NAME = "com.docker.network.bridge.name";

    public static RunSandbox defaults() {
        return new RunSandbox("paas-apps", 512, 1024, 256);
    }

    public RunSandbox withMemoryMb(int mb) {
        return new RunSandbox(network, pidsLimit, cpuShares, mb);
    }

    public RunSandbox withPidsLimit(long limit) {
        return new RunSandbox(network, limit, cpuShares, memoryMb);
    }

    /** The host config of one app process: every capability dropped, no new privileges, limits, capped logs. */
    public HostConfig hostConfig() {
        long bytes = memoryMb * 1024L * 1024L;
        return HostConfig.newHostConfig()
                .withInit(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(pidsLimit)
                .withCpuShares(cpuShares)
                .withMemory(bytes)
                .withMemorySwap(bytes)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", "10m", "max-file", "3")))
                .withNetworkMode(network);
    }

    /**
     * Creates the apps network as the agent does unless it exists (a host may run one-offs before its agent
     * started).
     *
     * @throws IllegalStateException when the network exists but lets containers reach each other
     */
    public void ensureNetwork(DockerClient docker) {
        ensureNetwork(docker, network);
    }

    /** Creates the apps network {@code network} unless it exists, as {@link #ensureNetwork(DockerClient)} does. */
    public static void ensureNetwork(DockerClient docker, String network) {
        try {
            check(docker.inspectNetworkCmd().withNetworkId(network).exec());
        } catch (NotFoundException missing) {
            try {
                docker.createNetworkCmd().withName(network).withDriver("bridge")
                        .withOptions(Map.of(ICC, "false", BRIDGE_NAME, network))
                        .withLabels(Map.of("paas.network", "apps")).withCheckDuplicate(true).exec();
            } catch (ConflictException raced) {
                // Created by the agent in the meantime.
            }
            check(docker.inspectNetworkCmd().withNetworkId(network).exec());
        }
    }

    private static void check(Network found) {
        if (found.getOptions() == null || !"false".equals(found.getOptions().get(ICC))) {
            throw new IllegalStateException("The Docker network " + found.getName() + " lets containers reach each"
                    + " other: remove it with 'docker network rm " + found.getName() + "'.");
        }
    }
}
