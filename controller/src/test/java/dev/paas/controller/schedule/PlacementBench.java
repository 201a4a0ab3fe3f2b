package dev.paas.controller.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paas.controller.schedule.Placement.NodeLoad;
import dev.paas.controller.schedule.Placement.Slot;

/**
 * bench/schedule: places 10,000 containers over 1,000 simulated nodes in process and prints the median time.
 * Two shapes: one app with 10,000 containers in one call, and 500 apps of 20 containers placed one after the
 * other on the loads the previous ones left (what the scheduler does as apps deploy).
 * Usage: PlacementBench [RUNS] (default 11, after 5 warm-up runs).
 */
public final class PlacementBench {

    private static final int NODES = 1_000;
    private static final int CONTAINERS = 10_000;
    private static final int MEMORY_MB = 256;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        List<NodeLoad> nodes = nodes();
        report("one app, 10,000 containers in one placement", runs, () -> oneApp(nodes));
        report("500 apps x 20 containers, one placement each", runs, () -> manyApps(nodes));
    }

    /** Nodes with 4 to 8 GB of capacity, some already running a few containers. */
    private static List<NodeLoad> nodes() {
        List<NodeLoad> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            int running = i % 7;
            nodes.add(new NodeLoad(String.format("node-%04d", (i * 7919) % NODES), running,
                    (4 + i % 5) * 1024 - running * MEMORY_MB));
        }
        return nodes;
    }

    private static Map<String, Integer> oneApp(List<NodeLoad> nodes) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 1; i <= CONTAINERS * 8 / 10; i++) {
            slots.add(new Slot("web", i, MEMORY_MB));
        }
        for (int i = 1; i <= CONTAINERS * 2 / 10; i++) {
            slots.add(new Slot("worker", i, MEMORY_MB));
        }
        Map<String, Integer> placed = new HashMap<>();
        Placement.place(slots, nodes, "bench").values().forEach(node -> placed.merge(node, 1, Integer::sum));
        return placed;
    }

    private static Map<String, Integer> manyApps(List<NodeLoad> start) {
        Map<String, NodeLoad> loads = new HashMap<>();
        start.forEach(n -> loads.put(n.node(), n));
        Map<String, Integer> placed = new HashMap<>();
        for (int app = 0; app < CONTAINERS / 20; app++) {
            List<Slot> slots = new ArrayList<>();
            for (int i = 1; i <= 15; i++) {
                slots.add(new Slot("web", i, MEMORY_MB));
            }
            for (int i = 1; i <= 5; i++) {
                slots.add(new Slot("worker", i, MEMORY_MB));
            }
            Placement.place(slots, List.copyOf(loads.values()), "bench").values().forEach(node -> {
                NodeLoad n = loads.get(node);
                loads.put(node, new NodeLoad(node, n.containers() + 1, n.freeMb() - MEMORY_MB));
                placed.merge(node, 1, Integer::sum);
            });
        }
        return placed;
    }

    private static void report(String name, int runs, java.util.function.Supplier<Map<String, Integer>> run) {
        Map<String, Integer> result = null;
        for (int i = 0; i < 5; i++) {
            result = run.get();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpuMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            Map<String, Integer> again = run.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            if (!again.equals(result)) {
                throw new IllegalStateException("placement is not deterministic");
            }
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        int placed = result.values().stream().mapToInt(Integer::intValue).sum();
        if (placed != CONTAINERS) {
            throw new IllegalStateException(name + ": placed " + placed + " of " + CONTAINERS + " containers");
        }
        System.out.printf("bench/schedule: %s: median %.1f ms over %d runs (min %.1f, max %.1f; "
                        + "median CPU time %.1f ms); "
                        + "%d containers on %d nodes, per node %d to %d%n", name, ms[runs / 2], runs, ms[0],
                ms[runs - 1], cpuMs[runs / 2], placed, result.size(), result.values().stream().mapToInt(Integer::intValue).min().orElse(0),
                result.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }
}
