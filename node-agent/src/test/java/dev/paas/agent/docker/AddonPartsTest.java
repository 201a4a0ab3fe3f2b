package dev.paas.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddonPartsTest {

    @Test
    void anAddonBridgeIsNamedSoTheHostFirewallMatchesItAndFitsAnInterfaceName() {
        String bridge = AddonParts.bridgeOf("paas-addon-postgres-amber-42");
        assertThat(bridge).matches("pa-[0-9a-f]{12}").hasSizeLessThanOrEqualTo(15);
        assertThat(AddonParts.bridgeOf("paas-addon-postgres-amber-42")).isEqualTo(bridge);
        assertThat(AddonParts.bridgeOf("paas-addon-postgres-amber-43")).isNotEqualTo(bridge);
        // The apps network's own bridge never looks like one.
        assertThat(AppSandbox.DEFAULT_NETWORK).doesNotStartWith("pa-");
    }
}
