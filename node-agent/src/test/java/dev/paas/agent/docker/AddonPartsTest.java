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

    @Test
    void addonsOnOtherNodesGoInHostsAtAnIpAddressAndAnAddressThatDoesNotResolveIsLeftOut() {
        assertThat(AddonParts.extraHosts(java.util.List.of("redis-amber-42:10.0.0.2", "postgres-amber-7:localhost",
                "mysql-amber-9:no-such-host.invalid", "garbage"))).containsExactly("redis-amber-42:10.0.0.2",
                "postgres-amber-7:127.0.0.1");
    }
}
