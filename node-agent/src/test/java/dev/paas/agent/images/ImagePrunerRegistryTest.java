package dev.paas.agent.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImagePrunerRegistryTest {

    @Test
    void onlyALoopbackRegistryIsAskedOverPlainHttp() {
        assertThat(ImagePruner.loopback("127.0.0.1:5000")).isTrue();
        assertThat(ImagePruner.loopback("localhost:5000")).isTrue();
        assertThat(ImagePruner.loopback("10.200.0.1:5000")).isFalse();
        assertThat(ImagePruner.loopback("registry.example.invalid:5000")).isFalse();
    }
}
