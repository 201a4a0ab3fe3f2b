package dev.paas.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.paas.controller.schedule.Placement.NodeLoad;
import dev.paas.controller.schedule.Placement.Slot;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void oneNodeTakesEverything() {
        Map<Slot, String> placed = Placement.place(List.of(new Slot("web", 1)), List.of(new NodeLoad("node1", 0)), "default");
        assertThat(placed).containsExactly(Map.entry(new Slot("web", 1), "node1"));
    }

    @Test
    void spreadsOneTypeAcrossNodesBeforeDoublingUp() {
        List<Slot> slots = List.of(new Slot("web", 1), new Slot("web", 2), new Slot("web", 3));
        Map<Slot, String> placed = Placement.place(slots,
                List.of(new NodeLoad("b", 0), new NodeLoad("a", 0)), "default");
        assertThat(placed.values()).containsExactly("a", "b", "a");
    }

    @Test
    void prefersTheLessLoadedNode() {
        Map<Slot, String> placed = Placement.place(List.of(new Slot("web", 1)),
                List.of(new NodeLoad("a", 5), new NodeLoad("b", 1)), "default");
        assertThat(placed.get(new Slot("web", 1))).isEqualTo("b");
    }

    @Test
    void isDeterministic() {
        List<Slot> slots = List.of(new Slot("web", 1), new Slot("worker", 1), new Slot("web", 2));
        List<NodeLoad> nodes = List.of(new NodeLoad("c", 2), new NodeLoad("a", 2), new NodeLoad("b", 2));
        assertThat(Placement.place(slots, nodes, "default")).isEqualTo(Placement.place(slots, nodes, "default"));
    }

    @Test
    void noNodesIsReportedNotDropped() {
        assertThatThrownBy(() -> Placement.place(List.of(new Slot("web", 1)), List.of(), "prod"))
                .isInstanceOf(Placement.NoCapacityException.class)
                .hasMessageContaining("No runtime nodes in formation prod");
    }

    @Test
    void nothingToPlaceNeedsNoNodes() {
        assertThat(Placement.place(List.of(), List.of(), "default")).isEmpty();
    }

    @Test
    void newProcessTypesStartAtOneWebAndZeroOthersAndKeepExistingCounts() {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        types.put("web", "python3 app.py");
        types.put("worker", "python3 worker.py");
        types.put("release", "python3 migrate.py");
        assertThat(Scheduler.structureFor(Map.of(), types)).containsExactly(Map.entry("web", 1), Map.entry("worker", 0));
        assertThat(Scheduler.structureFor(Map.of("web", 3, "gone", 2), types))
                .containsExactly(Map.entry("web", 3), Map.entry("worker", 0));
    }

    @Test
    void respectsMemoryCapacityAndReportsWhatDoesNotFit() {
        List<Slot> slots = List.of(new Slot("web", 1, 512), new Slot("web", 2, 512), new Slot("web", 3, 512));
        Map<Slot, String> placed = Placement.place(slots,
                List.of(new NodeLoad("a", 0, 1024), new NodeLoad("b", 3, 512)), "prod");
        assertThat(placed.values()).containsExactly("a", "b", "a");

        assertThatThrownBy(() -> Placement.place(List.of(new Slot("web", 1, 512)),
                List.of(new NodeLoad("a", 2, 100), new NodeLoad("b", 1, 300)), "prod"))
                .isInstanceOf(Placement.NoCapacityException.class)
                .hasMessage("No capacity in formation prod for web: needs 512 MB, and the most any runtime node has free is 300 MB.");
    }

    @Test
    void eachContainerReservesItsOwnTypesLimit() {
        // Given one node with 1,024 MB free: 512 + 128 + 256 + 128 fill it exactly.
        List<Slot> slots = List.of(new Slot("web", 1, 512), new Slot("worker", 1, 128), new Slot("web", 2, 256),
                new Slot("worker", 2, 128));
        Map<Slot, String> placed = Placement.place(slots, List.of(new NodeLoad("a", 0, 1024, 4096)), "prod");
        assertThat(placed).hasSize(4).containsValues("a");

        // A fifth 128 MB would not fit after 512 + 384 + 128.
        assertThatThrownBy(() -> Placement.place(List.of(new Slot("web", 1, 512), new Slot("web", 2, 384),
                new Slot("worker", 1, 128), new Slot("worker", 2, 128)), List.of(new NodeLoad("a", 0, 1024, 4096)), "prod"))
                .hasMessage("No capacity in formation prod for worker: needs 128 MB, and the most any runtime node"
                        + " has free is 0 MB.");
    }

    @Test
    void aBigContainerGoesWhereItFitsAndSmallOnesStillSpread() {
        List<Slot> slots = List.of(new Slot("web", 1, 2048), new Slot("web", 2, 2048));
        Map<Slot, String> placed = Placement.place(slots,
                List.of(new NodeLoad("a", 0, 1024, 1024), new NodeLoad("b", 0, 4096, 4096)), "prod");
        assertThat(placed.values()).containsExactly("b", "b");
    }

    @Test
    void aLimitLargerThanAnyNodeIsRefusedWithTheMostANodeOffers() {
        // Overcommit can leave more free than a node has; one container still never gets more than the node's memory.
        assertThatThrownBy(() -> Placement.place(List.of(new Slot("web", 1, 8192)),
                List.of(new NodeLoad("a", 0, 12288, 8000), new NodeLoad("b", 0, 6000, 4000)), "prod"))
                .isInstanceOf(Placement.NoCapacityException.class)
                .hasMessage("No runtime node of formation prod can hold web at 8192 MB: the most any offers is 8000 MB"
                        + " ('paas limits:set web=8000M' fits).");
    }

    @Test
    void fiftyAppsWithTwoWebsAt256FitTheDefaultNodeOfA24GbHost() {
        // Given deploy/up's node on this machine: 24,105 MB less the agent's 2,048 MB reserve, overcommit 1.5.
        int free = Scheduler.schedulableMb(24_105 - 2_048, 1.5);
        List<NodeLoad> node = List.of(new NodeLoad("node1", 0, free, 24_105 - 2_048));
        int placed = 0;
        for (int app = 0; app < 50; app++) {
            Map<Slot, String> two = Placement.place(List.of(new Slot("web", 1, 256), new Slot("web", 2, 256)),
                    node, "default");
            placed += two.size();
            free -= 512;
            node = List.of(new NodeLoad("node1", placed, free, 24_105 - 2_048));
        }
        assertThat(placed).isEqualTo(100);
        assertThat(free).as("room left for more").isGreaterThan(4096);
    }

    @Test
    void picksWhatAScanOfEveryNodeWouldPick() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            List<NodeLoad> nodes = new java.util.ArrayList<>();
            for (int n = 0; n < 1 + random.nextInt(12); n++) {
                nodes.add(new NodeLoad("n" + random.nextInt(100) + "-" + n, random.nextInt(4), random.nextInt(3000)));
            }
            List<Slot> slots = new java.util.ArrayList<>();
            String[] types = {"web", "worker", "clock"};
            for (int i = 1; i <= random.nextInt(40); i++) {
                slots.add(new Slot(types[random.nextInt(types.length)], i, 128 * (1 + random.nextInt(3))));
            }
            Object expected;
            try {
                expected = scan(slots, nodes);
            } catch (Placement.NoCapacityException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = Placement.place(slots, nodes, "prod");
            } catch (Placement.NoCapacityException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as("round %d", round).isEqualTo(expected);
        }
    }

    /** The placement rule written as plainly as possible: look at every node for every slot. */
    private static Map<Slot, String> scan(List<Slot> slots, List<NodeLoad> nodes) {
        Map<String, Integer> total = new java.util.HashMap<>();
        Map<String, Integer> free = new java.util.HashMap<>();
        Map<String, Integer> sameType = new java.util.HashMap<>();
        nodes.forEach(n -> {
            total.put(n.node(), n.containers());
            free.put(n.node(), n.freeMb());
        });
        Map<Slot, String> placed = new java.util.LinkedHashMap<>();
        for (Slot slot : slots) {
            String best = null;
            for (NodeLoad n : nodes) {
                String name = n.node();
                if (free.get(name) < slot.memoryMb()) {
                    continue;
                }
                if (best == null || java.util.Comparator.<String>comparingInt(x -> sameType.getOrDefault(x + "/" + slot.processType(), 0))
                        .thenComparingInt(total::get).thenComparing(java.util.Comparator.naturalOrder()).compare(name, best) < 0) {
                    best = name;
                }
            }
            if (best == null) {
                throw new Placement.NoCapacityException("No capacity in formation prod for " + slot.processType()
                        + ": needs " + slot.memoryMb() + " MB, and the most any runtime node has free is "
                        + free.values().stream().max(Integer::compare).orElse(0) + " MB.");
            }
            placed.put(slot, best);
            total.merge(best, 1, Integer::sum);
            free.merge(best, -slot.memoryMb(), Integer::sum);
            sameType.merge(best + "/" + slot.processType(), 1, Integer::sum);
        }
        return placed;
    }
}
