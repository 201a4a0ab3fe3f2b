package dev.paas.controller.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Where each new container goes. Pure and deterministic: the same slots and nodes give the same answer.
 * Each slot goes to the node with the fewest of this app's containers of that type, then the fewest
 * containers overall, then the first by name, so one app's instances spread across nodes; a node never gets
 * more containers than its declared memory capacity (times the formation's overcommit) holds at their memory
 * limits, and no container a limit larger than the node's memory.
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

    /**
     * A candidate node, how many containers it already runs, how much of what it takes in memory limits is still
     * free, and its own memory: no single container may be given more than that, whatever the overcommit.
     */
    public record NodeLoad(String node, int containers, int freeMb, int capacityMb) {
        public NodeLoad(String node, int containers) {
            this(node, containers, Integer.MAX_VALUE);
        }

        public NodeLoad(String node, int containers, int freeMb) {
            this(node, containers, freeMb, Integer.MAX_VALUE);
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
        int largest = nodes.stream().mapToInt(NodeLoad::capacityMb).max().orElse(0);
        for (Slot slot : slots) {
            if (slot.memoryMb() > largest) {
                throw new NoCapacityException("No runtime node of formation " + formation + " can hold "
                        + slot.processType() + " at " + slot.memoryMb() + " MB: the most any offers is " + largest
                        + " MB ('paas limits:set " + slot.processType() + "=" + largest + "M' fits).");
            }
        }
        String[] names = nodes.stream().map(NodeLoad::node).toArray(String[]::new);
        int[] total = nodes.stream().mapToInt(NodeLoad::containers).toArray();
        int[] free = nodes.stream().mapToInt(NodeLoad::freeMb).toArray();
        // A node with less free than the smallest slot can take nothing more in this call: left out for good.
        int smallest = slots.stream().mapToInt(Slot::memoryMb).min().orElse(0);
        Map<String, PriorityQueue<Candidate>> byType = new HashMap<>();
        Map<Slot, String> placed = new LinkedHashMap<>();
        for (Slot slot : slots) {
            PriorityQueue<Candidate> queue = byType.computeIfAbsent(slot.processType(), type -> {
                List<Candidate> all = new ArrayList<>(names.length);
                for (int n = 0; n < names.length; n++) {
                    all.add(new Candidate(0, total[n], names[n], n));
                }
                return new PriorityQueue<>(all);
            });
            Candidate best = take(queue, total, free, slot.memoryMb(), smallest);
            if (best == null) {
                throw new NoCapacityException("No capacity in formation " + formation + " for " + slot.processType()
                        + ": needs " + slot.memoryMb() + " MB, and the most any runtime node has free is "
                        + Arrays.stream(free).max().orElse(0) + " MB.");
            }
            placed.put(slot, names[best.node()]);
            total[best.node()]++;
            free[best.node()] -= slot.memoryMb();
            queue.add(new Candidate(best.sameType() + 1, total[best.node()], best.name(), best.node()));
        }
        return placed;
    }

    /**
     * A node (its index in the input) in one process type's queue, ranked by how many of that type it has,
     * then how many containers, then name. An entry can hold an old total, since other types' placements raise
     * it; totals only grow, so an old entry never ranks a node later than it should and is refreshed when it
     * comes first. That keeps each placement a few queue operations instead of a scan of every node.
     */
    private record Candidate(int sameType, int total, String name, int node) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate other) {
            if (sameType != other.sameType) {
                return Integer.compare(sameType, other.sameType);
            }
            return total != other.total ? Integer.compare(total, other.total) : name.compareTo(other.name);
        }
    }

    /** Removes and answers the best node of the queue that has memoryMb free, or null if none has. */
    private static Candidate take(PriorityQueue<Candidate> queue, int[] total, int[] free, int memoryMb, int smallest) {
        List<Candidate> tooSmall = new ArrayList<>();
        try {
            for (Candidate c = queue.poll(); c != null; c = queue.poll()) {
                if (c.total() != total[c.node()]) {
                    queue.add(new Candidate(c.sameType(), total[c.node()], c.name(), c.node()));
                } else if (free[c.node()] >= memoryMb) {
                    return c;
                } else if (free[c.node()] >= smallest) {
                    tooSmall.add(c);
                }
            }
            return null;
        } finally {
            queue.addAll(tooSmall);
        }
    }
}
