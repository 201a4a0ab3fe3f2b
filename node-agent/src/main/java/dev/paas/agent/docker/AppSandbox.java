package dev.paas.agent.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;

import java.util.List;
import java.util.Map;

/**
 * What confines an app container besides its memory limit (docs/security.md, "Apps at run time"). App code is
 * untrusted: it gets no capability (a web server on $PORT above 1024 needs none; NET_RAW would let it forge
 * packets), cannot gain privileges through setuid binaries, cannot fork without bound, shares the CPU by weight,
 * and cannot fill the disk with its output (Docker keeps {@code logMaxFiles} files of {@code logMaxSize}).
 * The user is the image's own: buildpack images name the stack's unprivileged {@code app} user, Dockerfile
 * images keep their USER.
 *
 * @param network the Docker network app containers join ({@link AppNetwork}); null for Docker's default bridge
 */
public record AppSandbox(String network, long pidsLimit, int cpuShares, String logMaxSize, int logMaxFiles) {

    public static final String DEFAULT_NETWORK = "paas-apps";
    public static final long DEFAULT_PIDS_LIMIT = 512;

    /** The limits without a network of their own: containers stay on Docker's default bridge. */
    public static AppSandbox limitsOnly() {
        return new AppSandbox(null, DEFAULT_PIDS_LIMIT, 1024, "10m", 3);
    }

    public AppSandbox onNetwork(String name) {
        return new AppSandbox(name, pidsLimit, cpuShares, logMaxSize, logMaxFiles);
    }

    public AppSandbox withPidsLimit(long limit) {
        return new AppSandbox(network, limit, cpuShares, logMaxSize, logMaxFiles);
    }

    /** Adds this sandbox's settings to a container's host config. */
    public HostConfig applyTo(HostConfig host) {
        host.withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(pidsLimit)
                .withCpuShares(cpuShares)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", logMaxSize, "max-file", Integer.toString(logMaxFiles))));
        if (network != null) {
            host.withNetworkMode(network);
        }
        return host;
    }
}
