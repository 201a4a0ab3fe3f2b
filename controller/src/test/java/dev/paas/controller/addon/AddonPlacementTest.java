package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddonPlacementTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static AddonPlacement.Candidate node(long id, String name, long addons) {
        return new AddonPlacement.Candidate(id, name, "runtime", false, NOW.minusSeconds(3), addons);
    }

    @Test
    void theLiveRuntimeNodeWithFewestAddonsTakesIt() {
        assertThat(AddonPlacement.choose(List.of(node(1, "a", 2), node(2, "b", 0), node(3, "c", 1)), NOW))
                .map(AddonPlacement.Candidate::name).contains("b");
    }

    @Test
    void tiesGoToTheFirstName() {
        assertThat(AddonPlacement.choose(List.of(node(2, "b", 0), node(1, "a", 0)), NOW))
                .map(AddonPlacement.Candidate::name).contains("a");
    }

    @Test
    void drainedSilentAndProxyNodesAreSkipped() {
        var drained = new AddonPlacement.Candidate(1L, "drained", "runtime", true, NOW, 0);
        var silent = new AddonPlacement.Candidate(2L, "silent", "runtime", false, NOW.minusSeconds(60), 0);
        var proxy = new AddonPlacement.Candidate(3L, "proxy", "proxy", false, NOW, 0);
        assertThat(AddonPlacement.choose(List.of(drained, silent, proxy), NOW)).isEmpty();
        assertThat(AddonPlacement.choose(List.of(drained, silent, proxy, node(4, "busy", 9)), NOW))
                .map(AddonPlacement.Candidate::name).contains("busy");
    }
}
