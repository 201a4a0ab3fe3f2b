package dev.paas.api;

/**
 * Sent by a node-agent when it starts.
 *
 * @param address   the address routers use to reach the node's published ports (127.0.0.1 on one host)
 * @param firstPort first host port the node publishes containers on, or null for the default 20000
 * @param lastPort  last such port, or null for the default 20999: reports of ports outside the range are refused
 * @param capacityMb memory offered to containers, in MB
 * @param cpuMillis  CPUs offered to containers, in thousandths (2000: two CPUs), or null when not said
 * @param host       its {@link NetworkHost}, or null when unknown (an older agent): routers on the same one reach
 *                   its containers on their bridge addresses
 */
public record NodeRegistration(String name, String address, String formation, String layer, int capacityMb,
                               Integer firstPort, Integer lastPort, Integer cpuMillis, String host) {

    public NodeRegistration(String name, String address, String formation, String layer, int capacityMb,
                            Integer firstPort, Integer lastPort, Integer cpuMillis) {
        this(name, address, formation, layer, capacityMb, firstPort, lastPort, cpuMillis, null);
    }

    public NodeRegistration(String name, String address, String formation, String layer, int capacityMb,
                            Integer firstPort, Integer lastPort) {
        this(name, address, formation, layer, capacityMb, firstPort, lastPort, null, null);
    }

    /** Without a port range: the default one (a router's proxy node publishes nothing). */
    public NodeRegistration(String name, String address, String formation, String layer, int capacityMb) {
        this(name, address, formation, layer, capacityMb, null, null, null, null);
    }
}
