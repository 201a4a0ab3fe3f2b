package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paas.api.ObservedContainer;
import org.junit.jupiter.api.Test;

class ReportCheckTest {

    private static final Set<String> PLACED = Set.of("hello.v1.web.1", "hello.v1.web.2");

    @Test
    void keepsWhatItSaysOfThePlacedContainers() {
        var checked = ReportCheck.check(PLACED, 20000, 20999, List.of(
                new ObservedContainer("hello.v1.web.1", "d1", "up", 20000),
                new ObservedContainer("hello.v1.web.2", "d2", "starting", null)));
        assertThat(checked.refused()).isFalse();
        assertThat(checked.placed()).containsOnlyKeys("hello.v1.web.1", "hello.v1.web.2");
        assertThat(checked.unplaced()).isEmpty();
    }

    @Test
    void ignoresContainersTheControllerDidNotPlaceThere() {
        ObservedContainer foreign = new ObservedContainer("other.v3.web.1", "d9", "up", 20001);
        ObservedContainer leaving = new ObservedContainer("hello.v0.web.1", "d8", ObservedContainer.STOPPING, 20002);
        var checked = ReportCheck.check(PLACED, 20000, 20999, List.of(foreign, leaving,
                new ObservedContainer("hello.v1.web.1", "d1", "up", 20000)));
        assertThat(checked.placed()).containsOnlyKeys("hello.v1.web.1");
        assertThat(checked.unplaced()).containsExactly(foreign, leaving);
        assertThat(checked.refused()).isFalse();
    }

    @Test
    void refusesAPlacedContainerOnAPortOutsideTheRange() {
        var checked = ReportCheck.check(PLACED, 20000, 20999, List.of(
                new ObservedContainer("hello.v1.web.1", "d1", "up", 19999),
                new ObservedContainer("hello.v1.web.2", "d2", "up", 20999)));
        assertThat(checked.refused()).isTrue();
        assertThat(checked.badPorts()).containsExactly("hello.v1.web.1 on port 19999");
        assertThat(ReportCheck.check(PLACED, 20000, 20999, List.of(
                new ObservedContainer("hello.v1.web.2", "d2", "up", 21000))).badPorts())
                .containsExactly("hello.v1.web.2 on port 21000");
    }

    @Test
    void aForeignContainerOnAnyPortIsIgnoredNotRefused() {
        var checked = ReportCheck.check(PLACED, 20000, 20999, List.of(
                new ObservedContainer("other.v1.web.1", "d1", "up", 22)));
        assertThat(checked.refused()).isFalse();
        assertThat(checked.placed()).isEmpty();
    }

    @Test
    void doesNothingWithAnEmptyOrNamelessReport() {
        var checked = ReportCheck.check(PLACED, 20000, 20999, java.util.Arrays.asList(null,
                new ObservedContainer(null, "d", "up", 1)));
        assertThat(checked.placed()).isEmpty();
        assertThat(checked.unplaced()).isEmpty();
        assertThat(checked.refused()).isFalse();
    }

    @Test
    void keepsAContainersBridgeAddressOnlyWhenARouterMayConnectToIt() {
        assertThat(ReportCheck.directIp("172.18.0.7")).isEqualTo("172.18.0.7");
        assertThat(ReportCheck.directIp("10.213.7.2")).isEqualTo("10.213.7.2");
        assertThat(ReportCheck.directIp("192.168.0.255")).isEqualTo("192.168.0.255");
        // The host's own services (the registry on 127.0.0.1:5000, the apps' default port), "this network",
        // link-local (cloud metadata), multicast and broadcast.
        assertThat(ReportCheck.directIp("127.0.0.1")).isNull();
        assertThat(ReportCheck.directIp("127.1.2.3")).isNull();
        assertThat(ReportCheck.directIp("0.0.0.0")).isNull();
        assertThat(ReportCheck.directIp("169.254.169.254")).isNull();
        assertThat(ReportCheck.directIp("224.0.0.1")).isNull();
        assertThat(ReportCheck.directIp("255.255.255.255")).isNull();
        // Not a plain dotted quad: names, IPv6, octal-looking or out-of-range parts.
        assertThat(ReportCheck.directIp("localhost")).isNull();
        assertThat(ReportCheck.directIp("::1")).isNull();
        assertThat(ReportCheck.directIp("0177.0.0.1")).isNull();
        assertThat(ReportCheck.directIp("172.18.0.256")).isNull();
        assertThat(ReportCheck.directIp("172.18.0.7:5000")).isNull();
        assertThat(ReportCheck.directIp(null)).isNull();
    }

    @Test
    void aBridgeAddressNoRouterMayUseIsDroppedNotRefused() {
        var checked = ReportCheck.check(PLACED, 20000, 20999, List.of(
                new ObservedContainer("hello.v1.web.1", "d1", "up", 20000, null, null, "127.0.0.1"),
                new ObservedContainer("hello.v1.web.2", "d2", "up", 20001, null, null, "172.18.0.3")));

        assertThat(checked.refused()).isFalse();
        assertThat(checked.placed().get("hello.v1.web.1").ip()).isNull();
        assertThat(checked.placed().get("hello.v1.web.1").hostPort()).isEqualTo(20000);
        assertThat(checked.placed().get("hello.v1.web.2").ip()).isEqualTo("172.18.0.3");
    }

    @Test
    void anAddonServiceMayBeReportedOnItsOwnPortOutsideTheRangeAndOnNoOther() {
        Set<String> placed = Set.of("hello.v1.web.1", "addon.redis-amber-42");
        var own = ReportCheck.check(placed, Map.of("addon.redis-amber-42", 19000), 20000, 20999, List.of(
                new ObservedContainer("addon.redis-amber-42", "d1", "up", 19000, null, null, "172.18.0.3")));
        assertThat(own.refused()).isFalse();

        var other = ReportCheck.check(placed, Map.of("addon.redis-amber-42", 19000), 20000, 20999, List.of(
                new ObservedContainer("addon.redis-amber-42", "d1", "up", 19001, null, null, null),
                new ObservedContainer("hello.v1.web.1", "d2", "up", 19000, null, null, null)));
        assertThat(other.refused()).isTrue();
        assertThat(other.badPorts()).hasSize(2);
    }
}
