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
}
