package dev.paas.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.Labels;
import dev.paas.agent.engine.NodeContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs platform containers on the local Docker engine (DOCKER_HOST, or the default unix socket). */
public final class DockerContainerEngine implements ContainerEngine {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DockerContainerEngine.class);

    private static final long PULL_TIMEOUT_MINUTES = 10;
    /** How long a stopping container has between SIGTERM and SIGKILL to finish its requests. */
    static final int STOP_GRACE_SECONDS = 10;

    private final DockerClient docker;
    private final Consumer<String> whenStopped;
    private final AppSandbox sandbox;
    /** Stopped containers' exits by engine id; only ids of the last listing are kept. */
    private final Map<String, NodeContainer.Exit> exits = new java.util.concurrent.ConcurrentHashMap<>();

    public DockerContainerEngine(DockerClient docker) {
        this(docker, id -> { }, AppSandbox.limitsOnly());
    }

    private DockerContainerEngine(DockerClient docker, Consumer<String> whenStopped, AppSandbox sandbox) {
        this.docker = docker;
        this.whenStopped = whenStopped;
        this.sandbox = sandbox;
    }

    /**
     * The same engine, calling {@code hook} with a container's id once it has stopped and before it is removed:
     * Docker serves a stopped container's log until its removal, so the log shipper reads its last lines then.
     */
    public DockerContainerEngine whenStopped(Consumer<String> hook) {
        return new DockerContainerEngine(docker, hook, sandbox);
    }

    /** The same engine, running containers in {@code sandbox} (by default: its limits, on Docker's bridge). */
    public DockerContainerEngine sandboxed(AppSandbox sandbox) {
        return new DockerContainerEngine(docker, whenStopped, sandbox);
    }

    /** A client for the engine the standard Docker environment variables point at. */
    public static DockerContainerEngine fromEnvironment() {
        return fromEnvironment(null);
    }

    /** The same, pulling with the cluster registry's credentials when there are any (null: none). */
    public static DockerContainerEngine fromEnvironment(RegistryCredentials registry) {
        var builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (registry != null) {
            registry.applyTo(builder);
        }
        var config = builder.build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                // Enough for a burst of parallel creates plus a long pull without queueing behind each other.
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        return new DockerContainerEngine(DockerClientImpl.getInstance(config, http));
    }

    public DockerClient client() {
        return docker;
    }

    @Override
    public List<NodeContainer> list(String node) {
        // Filtering in the engine (not here) means foreign containers never even reach the agent.
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, node))
                .exec();
        exits.keySet().retainAll(containers.stream().map(Container::getId).toList());
        return containers.stream().map(this::toNodeContainer).toList();
    }

    /**
     * How a stopped container ended, which the listing does not say: one inspect per stopped container, remembered
     * (an exit never changes, and the agent replaces the container soon after).
     */
    private NodeContainer.Exit exitOf(Container c) {
        if ("running".equals(c.getState())) {
            return null;
        }
        if ("created".equals(c.getState())) {
            return NodeContainer.Exit.NOT_STARTED;
        }
        return exits.computeIfAbsent(c.getId(), id -> {
            try {
                var state = docker.inspectContainerCmd(id).exec().getState();
                Instant at = state.getFinishedAt() == null || state.getFinishedAt().startsWith("0001-")
                        ? Instant.EPOCH : Instant.parse(state.getFinishedAt());
                Long code = state.getExitCodeLong();
                return new NodeContainer.Exit(Boolean.TRUE.equals(state.getOOMKilled()), code == null ? -1
                        : code.intValue(), at);
            } catch (NotFoundException | java.time.format.DateTimeParseException e) {
                return null;
            }
        });
    }

    @Override
    public boolean ensureImage(String image, String pullFrom) {
        if (imageExists(image)) {
            return false;
        }
        if (pullFrom == null) {
            pull(image);
        } else {
            if (!imageExists(pullFrom)) {
                pull(pullFrom);
            }
            ImageRef ref = ImageRef.parse(image);
            docker.tagImageCmd(pullFrom, ref.repository(), ref.tag()).withForce().exec();
        }
        return true;
    }

    private void pull(String image) {
        ImageRef ref = ImageRef.parse(image);
        try {
            boolean done = docker.pullImageCmd(ref.repository()).withTag(ref.tag())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!done) {
                throw new IllegalStateException("pulling " + image + " took longer than "
                        + PULL_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
        // A pull can end "successfully" without the image (e.g. a manifest for another platform): check.
        if (!imageExists(image)) {
            throw new IllegalStateException("pulled " + image + " but Docker still does not have it");
        }
    }

    @Override
    public String run(ContainerSpec spec) {
        ExposedPort port = ExposedPort.tcp(spec.port());
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(spec.bindIp(), spec.hostPort()), port))
                // The agent restarts crashed containers itself (with back-off) and reports each attempt.
                .withRestartPolicy(RestartPolicy.noRestart())
                // docker-init as PID 1 passes SIGTERM on to the app; a shell or python as PID 1 would ignore it,
                // and every stop would wait out the grace period before SIGKILL.
                .withInit(true);
        sandbox.applyTo(host);
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(AddonParts.extraHosts(spec.extraHosts()));
        }
        if (spec.memoryMb() > 0) {
            // Swap included, so the limit is what the scheduler counted against the node's capacity.
            long bytes = spec.memoryMb() * 1024L * 1024L;
            host.withMemory(bytes).withMemorySwap(bytes);
        }
        if (spec.cpuMillis() > 0) {
            // A hard cap (CFS quota), on top of the shares every app container has.
            host.withNanoCPUs(spec.cpuMillis() * 1_000_000L);
        }
        var create = docker.createContainerCmd(spec.image())
                .withName(spec.engineName())
                .withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(port)
                .withHostConfig(host);
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        AddonParts.prepare(docker, create, host, spec);
        long began = System.nanoTime();
        String id = create.exec().getId();
        long created = System.nanoTime();
        try {
            AddonParts.join(docker, id, spec);
            docker.startContainerCmd(id).exec();
            log.debug("{}: create {} ms, start {} ms", spec.engineName(), (created - began) / 1_000_000,
                    (System.nanoTime() - created) / 1_000_000);
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
        return id;
    }

    @Override
    public void remove(String id) {
        try {
            // SIGTERM, then SIGKILL once the grace period has passed (Docker does both).
            docker.stopContainerCmd(id).withTimeout(STOP_GRACE_SECONDS).exec();
        } catch (NotFoundException e) {
            return;
        } catch (NotModifiedException alreadyStopped) {
            // Exited already: only the removal is left.
        }
        try {
            whenStopped.accept(id);
        } catch (RuntimeException e) {
            // The hook only delays the removal; it never prevents it.
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone: the goal of removing it is met.
        }
    }

    private boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private NodeContainer toNodeContainer(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        return new NodeContainer(c.getId(), labels.get(Labels.NAME), "running".equals(c.getState()),
                bridgeIp(c), intLabel(labels, Labels.PORT), intLabel(labels, Labels.HOST_PORT), exitOf(c));
    }

    /**
     * Its address on the apps network, which the probes and the routers of this host use (an app attached to add-ons
     * also has an address on each add-on's network); else the default bridge's (containers made before the apps
     * network), else its one network's.
     */
    private String bridgeIp(Container c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        Map<String, ContainerNetwork> networks = c.getNetworkSettings().getNetworks();
        ContainerNetwork apps = sandbox.network() == null ? null : networks.get(sandbox.network());
        if (apps != null && hasText(apps.getIpAddress())) {
            return apps.getIpAddress();
        }
        ContainerNetwork bridge = networks.get("bridge");
        if (bridge != null && hasText(bridge.getIpAddress())) {
            return bridge.getIpAddress();
        }
        return networks.values().stream().map(ContainerNetwork::getIpAddress)
                .filter(DockerContainerEngine::hasText).findFirst().orElse(null);
    }

    private static Integer intLabel(Map<String, String> labels, String key) {
        try {
            return labels.containsKey(key) ? Integer.valueOf(labels.get(key)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
