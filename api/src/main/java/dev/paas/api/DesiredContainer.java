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
 */
public record DesiredContainer(String name, String app, int release, String processType, int index,
                               String image, List<String> command, Map<String, String> env, int port,
                               HealthCheck healthCheck, int memoryMb, int cpuMillis, List<String> networks,
                               ServiceParts service) {

    public DesiredContainer {
        networks = networks == null ? List.of() : List.copyOf(networks);
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
                memoryMb, cpuMillis, extra, service);
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
