package dev.paas.api;

/**
 * Sent by a node-agent when it starts.
 *
 * @param address the address routers use to reach the node's published ports (127.0.0.1 on one host)
 */
public record NodeRegistration(String name, String address, String formation, String layer, int capacityMb) {
}
