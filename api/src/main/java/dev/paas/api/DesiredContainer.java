package dev.paas.api;

import java.util.List;
import java.util.Map;

/**
 * One container the controller wants a node to run.
 *
 * @param name    unique, stable name such as {@code hello.v1.web.1} (app, release, process type, index)
 * @param image   registry reference to pull, e.g. {@code 127.0.0.1:5000/hello:v1}
 * @param command argv to run (typically {@code ["/bin/sh", "-c", "python3 app.py"]})
 * @param env     environment, already including the app's config and {@code PORT}
 * @param port    port the process listens on inside the container (the value of PORT)
 * @param healthCheck the HTTP check that decides when it is up, or null: up once the port accepts connections
 * @param memoryMb    its memory limit, or 0 for none
 * @param cpuMillis   its CPU limit in thousandths of a CPU (500: half a CPU), or 0 for none
 * @param networks    Docker networks it joins besides the apps network: those of the add-ons its app is attached to
 *                    (docs/security.md, "Add-ons"); empty for most
 * @param service     for an add-on's service container, its volume, user and network alias; null for app containers
 * @param extraHosts  {@code NAME:ADDRESS} lines for the container's /etc/hosts: the add-ons its app is attached to
 *                    that run on another node, by name, at that node's address (where they are published); empty
 *                    for most
 */
public record DesiredContainer(String name, String app, int release, String processType, int index,
                               String image, List<String> command, Map<String, String> env, int port,
                               HealthCheck healthCheck, int memoryMb, int cpuMillis, List<String> networks,
                               ServiceParts service, List<String> extraHosts) {

    public DesiredContainer {
        networks = networks == null ? List.of() : List.copyOf(networks);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** Without extra host names. */
    public DesiredContainer(String name, String app, int release, String processType, int index,
                            String image, List<String> command, Map<String, String> env, int port,
                            HealthCheck healthCheck, int memoryMb, int cpuMillis, List<String> networks,
                            ServiceParts service) {
        this(name, app, release, processType, index, image, command, env, port, healthCheck, memoryMb, cpuMillis,
                networks, service, List.of());
    }

    /** An app's container, joining no add-on network. */
    public DesiredContainer(String name, String app, int release, String processType, int index,
                            String image, List<String> command, Map<String, String> env, int port,
                            HealthCheck healthCheck, int memoryMb, int cpuMillis) {
        this(name, app, release, processType, index, image, command, env, port, healthCheck, memoryMb, cpuMillis,
                List.of(), null);
    }

    /** Without a CPU limit. */
    public DesiredContainer(String name, String app, int release, String processType, int index,
                            String image, List<String> command, Map<String, String> env, int port,
                            HealthCheck healthCheck, int memoryMb) {
        this(name, app, release, processType, index, image, command, env, port, healthCheck, memoryMb, 0);
    }

    /** The same container, also joining {@code extra} networks. */
    public DesiredContainer joining(List<String> extra) {
        return new DesiredContainer(name, app, release, processType, index, image, command, env, port, healthCheck,
                memoryMb, cpuMillis, extra, service, extraHosts);
    }

    /** The same container, joining {@code extra} networks and with {@code hosts} ({@code NAME:ADDRESS}) added. */
    public DesiredContainer reaching(List<String> extra, List<String> hosts) {
        return new DesiredContainer(name, app, release, processType, index, image, command, env, port, healthCheck,
                memoryMb, cpuMillis, extra, service, hosts);
    }

    /** Without an HTTP check or a memory limit. */
    public DesiredContainer(String name, String app, int release, String processType, int index,
                            String image, List<String> command, Map<String, String> env, int port) {
        this(name, app, release, processType, index, image, command, env, port, null, 0, 0);
    }

    public DesiredContainer(String name, String app, int release, String processType, int index,
                            String image, List<String> command, Map<String, String> env, int port,
                            HealthCheck healthCheck) {
        this(name, app, release, processType, index, image, command, env, port, healthCheck, 0, 0);
    }
}
