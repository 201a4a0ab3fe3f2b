package dev.paas.api;

/**
 * @param moved     containers that were on the node
 * @param remaining containers still on it when the controller stopped waiting (0 when done)
 */
public record DrainResult(String node, int moved, int remaining) {
}
