package dev.paas.api;

/**
 * Sent by a node-agent when it starts.
 *
 * @param address   the address routers use to reach the node's published ports (127.0.0.1 on one host)
 * @param firstPort first host port the node publishes containers on, or null for the default 20000
 * @param lastPort  last such port, or null for the default 20999: reports of ports outside the range are refused
 */
public record NodeRegistration(String name, String address, String formation, String layer, int capacityMb,
                               Integer firstPort, Integer lastPort) {

    /** Without a port range: the default one (a router's proxy node publishes nothing). */
    public NodeRegistration(String name, String address, String formation, String layer, int capacityMb) {
        this(name, address, formation, layer, capacityMb, null, null);
    }
}
