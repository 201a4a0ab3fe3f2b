package dev.paas.controller.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each new container goes. Pure and deterministic: the same slots and nodes give the same answer.
 * Each slot goes to the node with the fewest of this app's containers of that type, then the fewest
 * containers overall, then the first by name, so one app's instances spread across nodes; a node never gets
 * more containers than its declared memory capacity holds at their memory limits.
 */
public final class Placement {

    private Placement() {
    }

    /** A container to place: process type and index, e.g. web.2, and the memory it is limited to. */
    public record Slot(String processType, int index, int memoryMb) {
        public Slot(String processType, int index) {
            this(processType, index, 0);
        }
    }

    /** A candidate node, how many containers it already runs, and how much of its memory capacity is free. */
    public record NodeLoad(String node, int containers, int freeMb) {
        public NodeLoad(String node, int containers) {
            this(node, containers, Integer.MAX_VALUE);
        }
    }

    public static final class NoCapacityException extends RuntimeException {
        public NoCapacityException(String message) {
            super(message);
        }
    }

    public static Map<Slot, String> place(List<Slot> slots, List<NodeLoad> nodes, String formation) {
        if (slots.isEmpty()) {
            return Map.of();
        }
        if (nodes.isEmpty()) {
            throw new NoCapacityException("No runtime nodes in formation " + formation
                    + ": start a node-agent (deploy/up starts one) and push again.");
        }
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> free = new HashMap<>();
        Map<String, Integer> sameType = new HashMap<>();
        nodes.forEach(n -> {
            total.put(n.node(), n.containers());
            free.put(n.node(), n.freeMb());
        });
        List<String> names = new ArrayList<>(nodes.stream().map(NodeLoad::node).sorted().toList());
        Map<Slot, String> placed = new LinkedHashMap<>();
        for (Slot slot : slots) {
            String best = names.stream().filter(n -> free.get(n) >= slot.memoryMb()).min(Comparator
                    .comparingInt((String n) -> sameType.getOrDefault(n + "/" + slot.processType(), 0))
                    .thenComparingInt(total::get)
                    .thenComparing(Comparator.naturalOrder()))
                    .orElseThrow(() -> new NoCapacityException("No capacity in formation " + formation + " for "
                            + slot.processType() + ": needs " + slot.memoryMb() + " MB, and the most any runtime node"
                            + " has free is " + free.values().stream().max(Integer::compare).orElse(0) + " MB."));
            placed.put(slot, best);
            total.merge(best, 1, Integer::sum);
            free.merge(best, -slot.memoryMb(), Integer::sum);
            sameType.merge(best + "/" + slot.processType(), 1, Integer::sum);
        }
        return placed;
    }
}
