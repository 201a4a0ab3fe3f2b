package dev.paas.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;

class ClusterIdTest {

    @RepeatedTest(20)
    void theIdAndItsPresenceLockKeyGiveEachOther() {
        ClusterId id = new ClusterId();
        assertThat(id.value()).matches("c[0-9a-f]{8}");
        assertThat(ClusterId.ofKey(id.key()).value()).isEqualTo(id.value());
        assertThat(ClusterMessage.carries(id.value())).as("its messages carry it").isTrue();
    }
}
