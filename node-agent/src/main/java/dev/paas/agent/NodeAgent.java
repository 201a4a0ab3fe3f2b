package dev.paas.agent;

import dev.paas.agent.apply.Applier;
import dev.paas.agent.apply.PortAllocator;
import dev.paas.agent.controller.ControllerClient;
import dev.paas.agent.controller.NodeCredential;
import dev.paas.agent.docker.AppNetwork;
import dev.paas.agent.docker.AppSandbox;
import dev.paas.agent.docker.DockerContainerEngine;
import dev.paas.agent.docker.RegistryCredentials;
import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.firewall.HostFirewall;
import dev.paas.agent.firewall.Iptables;
import dev.paas.agent.images.ImagePruner;
import dev.paas.agent.logs.LogShipper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.paas.agent.observe.Observer;
import dev.paas.agent.observe.PortProbe;
import dev.paas.api.PemTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * Entry point of {@code paas-node-agent}. Stopping the agent leaves its containers running: apps keep serving
 * while the agent is restarted or upgraded, and the next agent adopts them through their labels.
 */
public final class NodeAgent {

    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    /** Enough threads for a scale-up to start its containers together on a small host. */
    private static final int APPLY_THREADS = 16;

    private NodeAgent() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(AgentConfig.USAGE);
            return;
        }
        AgentConfig config;
        String bindIp;
        RegistryCredentials registry;
        try {
            config = AgentConfig.parse(args, System.getenv());
            bindIp = resolve(config.address());
            registry = config.registryCredentials() == null ? null : RegistryCredentials.read(config.registryCredentials());
            if (config.controllerCa() != null) {
                // Every HTTPS client of this process (controller, registry) is built after this and trusts only it.
                SSLContext.setDefault(PemTrust.context(config.controllerCa()));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(AgentConfig.USAGE);
            System.exit(2);
            return;
        }
        log.info("paas-node-agent starting: {}", config);
        // A refused connect returns at once; the timeout only bounds containers that drop packets.
        PortProbe probe = PortProbe.tcp(Duration.ofMillis(200));
        // Registration answers the node's own credential, which the loop's client and the log shipper's both present.
        NodeCredential credential = new NodeCredential(config.token());
        LogShipper logs = startLogShipping(config, credential);
        startImagePruning(config, registry);
        // A removal waits (briefly) until the stopped container's last lines are read: they say why it crashed.
        var engine = DockerContainerEngine.fromEnvironment(registry).whenStopped(logs::drain);
        try {
            engine = engine.sandboxed(isolate(config, engine.client()));
        } catch (IllegalStateException e) {
            log.error("cannot isolate app containers: {}", e.getMessage());
            System.exit(1);
            return;
        }
        AgentLoop loop = create(config, credential, bindIp, engine, probe, Timing.defaults())
                .discarding(new dev.paas.agent.docker.AddonDiscards(engine.client()));
        loop.run();
        if (loop.refused()) {
            System.exit(1);
        }
    }

    /** Wires one agent; tests use it with a fake engine and shorter timings. */
    static AgentLoop create(AgentConfig config, String bindIp, ContainerEngine engine, PortProbe probe,
                            Timing timing) {
        return create(config, new NodeCredential(config.token()), bindIp, engine, probe, timing);
    }

    static AgentLoop create(AgentConfig config, NodeCredential credential, String bindIp, ContainerEngine engine,
                            PortProbe probe, Timing timing) {
        var controller = new ControllerClient(config.controllers(), credential, config.name());
        var observer = new Observer(engine, config.name(), probe);
        var ports = new PortAllocator(config.firstPort(), config.lastPort(), PortAllocator.bindableOn(bindIp));
        var applier = new Applier(engine, ports, config.name(), bindIp, applyPool());
        return new AgentLoop(config.registration(), controller, observer, applier, timing);
    }

    /**
     * The apps network and this host's firewall for it, before any container starts (docs/security.md, "Apps at
     * run time"). A host without iptables still runs apps, with a warning, rather than no apps at all.
     */
    static AppSandbox isolate(AgentConfig config, DockerClient docker) {
        String bridge = AppNetwork.ensure(docker, config.network());
        new HostFirewall(Iptables.system()).ensure(bridge, HostFirewall.rules(bridge, config.firstPort(),
                config.lastPort(), remoteAddress(config.controller().getHost()), config.addonPorts()));
        return AppSandbox.limitsOnly().onNetwork(config.network()).withPidsLimit(config.pidsLimit());
    }

    /** The host's address unless it is this machine's loopback (then INPUT's rules already cover it). */
    private static String remoteAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() ? null : address.getHostAddress();
        } catch (UnknownHostException e) {
            log.warn("the controller's host {} does not resolve: no firewall rule for it", host);
            return null;
        }
    }

    /**
     * Its own Docker client without a response timeout (a quiet container's follow stays open for hours) and
     * with room for one connection per followed container; its own controller client so logs never queue
     * behind the desired-state long poll.
     */
    private static LogShipper startLogShipping(AgentConfig config, NodeCredential credential) {
        var dockerConfig = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(dockerConfig.getDockerHost())
                .sslConfig(dockerConfig.getSSLConfig()).maxConnections(512)
                .connectionTimeout(Duration.ofSeconds(5)).build();
        var controller = new ControllerClient(config.controllers(), credential, config.name());
        var shipper = new LogShipper(DockerClientImpl.getInstance(dockerConfig, http), config.name(), controller::logs);
        shipper.start();
        return shipper;
    }

    /**
     * Every 30 s, in its own thread so it never delays the loop: removes local copies of app images the
     * registry no longer keeps (the controller deletes them there after each deploy).
     */
    private static void startImagePruning(AgentConfig config, RegistryCredentials registry) {
        var dockerConfig = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(dockerConfig.getDockerHost())
                .sslConfig(dockerConfig.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2)).build();
        var pruner = new ImagePruner(DockerClientImpl.getInstance(dockerConfig, http), config.name(),
                Duration.ofMinutes(10), registry);
        Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "image-pruner");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(pruner, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Docker wants an IP address to publish on, so a host name given as --address is resolved once. */
    static String resolve(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Address '" + address + "' does not resolve: give this node's IP.");
        }
    }

    private static ExecutorService applyPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(APPLY_THREADS, r -> {
            Thread thread = new Thread(r, "apply-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
