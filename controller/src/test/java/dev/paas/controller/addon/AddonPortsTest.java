package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddonPortsTest {

    @Test
    void theLowestPortNoLiveAddonHas() {
        AddonPorts ports = AddonPorts.parse("19000-19002");
        assertThat(ports.free(List.of())).hasValue(19000);
        assertThat(ports.free(List.of(19000, 19002))).hasValue(19001);
        assertThat(ports.free(List.of(19000, 19001, 19002))).isEmpty();
    }

    @Test
    void aRangeThatIsNotOneIsRefusedWithTheRule() {
        assertThat(AddonPorts.parse(AddonPorts.DEFAULT)).isEqualTo(new AddonPorts(19000, 19999));
        for (String bad : new String[] {"19000", "a-b", "200-300", "19999-19000", "19000-70000", ""}) {
            assertThatThrownBy(() -> AddonPorts.parse(bad)).hasMessageContaining("paas.addons.ports");
        }
    }
}
