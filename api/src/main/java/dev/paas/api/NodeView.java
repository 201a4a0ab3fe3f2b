package dev.paas.api;

import java.time.Instant;

/**
 * A node as an admin sees it in {@code paas nodes}.
 *
 * @param state {@code up}, {@code down} (heartbeats stopped) or {@code drained} (takes no containers)
 */
public record NodeView(String name, String formation, String layer, String address, int capacityMb, int containers,
                       Instant lastHeartbeat, String state, Resources resources) {

    public NodeView(String name, String formation, String layer, String address, int capacityMb, int containers,
                    Instant lastHeartbeat, String state) {
        this(name, formation, layer, address, capacityMb, containers, lastHeartbeat, state, null);
    }

    /**
     * What a runtime node gives its containers.
     *
     * @param schedulableMb  its capacity times the formation's memory overcommit: what placement fills
     * @param usedMb         the memory limits of the containers placed on it
     * @param cpuMillis      its CPUs in thousandths, 0 when it did not say
     * @param usedCpuMillis  the CPU limits of its containers (those without one count nothing)
     */
    public record Resources(int schedulableMb, int usedMb, int cpuMillis, int usedCpuMillis) {
    }
}
