package dev.paas.api;

import java.time.Instant;

/**
 * A node as an admin sees it in {@code paas nodes}.
 *
 * @param state {@code up}, {@code down} (heartbeats stopped) or {@code drained} (takes no containers)
 */
public record NodeView(String name, String formation, String layer, String address, int capacityMb, int containers,
                       Instant lastHeartbeat, String state) {
}
