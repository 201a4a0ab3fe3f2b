package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.Test;

/** Which desired-state answers only stop containers, and so may be held back a moment (see NodeController). */
class NodeDesiredTest {

    private static DesiredContainer container(String name, int release, Map<String, String> env) {
        return new DesiredContainer(name, "shop", release, "web", 1, "img:" + release, List.of("run"), env, 5000,
                null, 512, 0, List.of(), null);
    }

    private final DesiredContainer v1 = container("shop.web.1.v1", 1, Map.of("A", "1"));
    private final DesiredContainer v2 = container("shop.web.1.v2", 2, Map.of("A", "2"));

    @Test
    void droppingTheOldReleasesContainerOnlyStops() {
        assertThat(desired(List.of(v2)).onlyStops(desired(List.of(v1, v2)))).isTrue();
        assertThat(desired(List.of()).onlyStops(desired(List.of(v1)))).isTrue();
    }

    @Test
    void startingOrChangingAContainerDoesNot() {
        assertThat(desired(List.of(v1, v2)).onlyStops(desired(List.of(v1)))).as("starts v2").isFalse();
        assertThat(desired(List.of(v2)).onlyStops(desired(List.of(v1)))).as("replaces").isFalse();
        DesiredContainer v2Changed = container("shop.web.1.v2", 2, Map.of("A", "changed"));
        assertThat(desired(List.of(v2Changed)).onlyStops(desired(List.of(v1, v2)))).as("same name, new env").isFalse();
        assertThat(desired(List.of(v1)).onlyStops(desired(List.of(v1)))).as("the same").isFalse();
    }

    @Test
    void discardingAnAddonsDataDoesNotWait() {
        NodeService.NodeDesired before = new NodeService.NodeDesired(List.of(v1, v2), List.of());
        NodeService.NodeDesired after = new NodeService.NodeDesired(List.of(v2), List.of("addon-data-1"));
        assertThat(after.onlyStops(before)).isFalse();
    }

    private static NodeService.NodeDesired desired(List<DesiredContainer> containers) {
        return new NodeService.NodeDesired(containers, List.of());
    }
}
