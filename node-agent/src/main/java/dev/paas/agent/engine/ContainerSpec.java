package dev.paas.agent.engine;

import dev.paas.api.DesiredContainer;
import dev.paas.api.ServiceParts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run one desired container on one node, already resolved to engine terms.
 *
 * @param engineName the runtime's container name, {@code paas.<node>.<name>}
 * @param bindIp     the host address the port is published on
 * @param memoryMb   its memory limit, swap included; 0 for none
 * @param cpuMillis  its CPU limit in thousandths of a CPU (Docker's NanoCpus); 0 for none
 * @param networks   networks it joins besides the sandbox's (add-on networks), before it starts
 * @param service    an add-on's volume, user and alias; null for app containers
 * @param extraHosts {@code NAME:ADDRESS} lines for its /etc/hosts (add-ons on other nodes)
 */
public record ContainerSpec(String engineName, String name, String image, List<String> command,
                            Map<String, String> env, int port, String bindIp, int hostPort,
                            Map<String, String> labels, int memoryMb, int cpuMillis, List<String> networks,
                            ServiceParts service, List<String> extraHosts) {

    public ContainerSpec {
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** Without extra host names. */
    public ContainerSpec(String engineName, String name, String image, List<String> command,
                         Map<String, String> env, int port, String bindIp, int hostPort,
                         Map<String, String> labels, int memoryMb, int cpuMillis, List<String> networks,
                         ServiceParts service) {
        this(engineName, name, image, command, env, port, bindIp, hostPort, labels, memoryMb, cpuMillis, networks,
                service, List.of());
    }

    /** Without a CPU limit, joining no add-on network. */
    public ContainerSpec(String engineName, String name, String image, List<String> command, Map<String, String> env,
                         int port, String bindIp, int hostPort, Map<String, String> labels, int memoryMb) {
        this(engineName, name, image, command, env, port, bindIp, hostPort, labels, memoryMb, 0, List.of(), null);
    }

    public static ContainerSpec of(String node, DesiredContainer desired, String bindIp, int hostPort) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.NODE, node);
        labels.put(Labels.APP, desired.app());
        labels.put(Labels.RELEASE, Integer.toString(desired.release()));
        labels.put(Labels.PROCESS, desired.processType());
        labels.put(Labels.INDEX, Integer.toString(desired.index()));
        labels.put(Labels.NAME, desired.name());
        labels.put(Labels.PORT, Integer.toString(desired.port()));
        labels.put(Labels.HOST_PORT, Integer.toString(hostPort));
        return new ContainerSpec("paas." + node + "." + desired.name(), desired.name(), desired.image(),
                desired.command() == null ? List.of() : List.copyOf(desired.command()),
                desired.env() == null ? Map.of() : Map.copyOf(desired.env()),
                desired.port(), bindIp, hostPort, Map.copyOf(labels), desired.memoryMb(),
                desired.cpuMillis(), desired.networks() == null ? List.of() : List.copyOf(desired.networks()),
                desired.service(), desired.extraHosts());
    }
}
