package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddonReachTest {

    private static final AddonReach.Target ON_NODE_1 = new AddonReach.Target("redis-amber-42", 1L, "h-one",
            "10.0.0.1", true);

    @Test
    void onTheAddonsNodeAContainerJoinsItsNetwork() {
        AddonReach.Ways ways = AddonReach.forContainer(List.of(ON_NODE_1), 1L, "h-one");
        assertThat(ways.networks()).containsExactly("paas-addon-redis-amber-42");
        assertThat(ways.hosts()).isEmpty();
    }

    @Test
    void onAnotherHostItReachesItsNameAtTheAddonsNodeAddress() {
        AddonReach.Ways ways = AddonReach.forContainer(List.of(ON_NODE_1), 2L, "h-two");
        assertThat(ways.networks()).isEmpty();
        assertThat(ways.hosts()).containsExactly("redis-amber-42:10.0.0.1");
        assertThat(AddonReach.forContainer(List.of(ON_NODE_1), 2L, null).hosts())
                .containsExactly("redis-amber-42:10.0.0.1");
    }

    @Test
    void anotherNodeOnTheSameDockerHostJoinsTheNetworkToo() {
        assertThat(AddonReach.forContainer(List.of(ON_NODE_1), 2L, "h-one").networks())
                .containsExactly("paas-addon-redis-amber-42");
        AddonReach.Target loopback = new AddonReach.Target("redis-amber-42", 1L, null, "127.0.0.1", true);
        assertThat(AddonReach.forContainer(List.of(loopback), 2L, null).networks())
                .containsExactly("paas-addon-redis-amber-42");
    }

    @Test
    void anAddonMadeBeforeAddonPortsIsReachedOnlyByItsNetwork() {
        AddonReach.Target old = new AddonReach.Target("postgres-amber-7", 1L, "h-one", "10.0.0.1", false);
        AddonReach.Ways ways = AddonReach.forContainer(List.of(old, ON_NODE_1), 2L, "h-two");
        assertThat(ways.networks()).containsExactly("paas-addon-postgres-amber-7");
        assertThat(ways.hosts()).containsExactly("redis-amber-42:10.0.0.1");
    }

    @Test
    void anAppWithoutAddonsGetsNothing() {
        assertThat(AddonReach.forContainer(List.of(), 1L, "h-one")).isEqualTo(AddonReach.Ways.NONE);
    }
}
