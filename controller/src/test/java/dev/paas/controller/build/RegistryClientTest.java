package dev.paas.controller.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryClientTest {

    @Test
    void plainHttpOnlyForARegistryOnLoopbackAsDockerDoes() {
        assertThat(RegistryClient.loopback("127.0.0.1:5000")).isTrue();
        assertThat(RegistryClient.loopback("localhost:5000")).isTrue();
        assertThat(RegistryClient.loopback("[::1]:5000")).isTrue();
        assertThat(RegistryClient.loopback("10.200.0.1:5000")).isFalse();
        assertThat(RegistryClient.loopback("registry.example.invalid:5000")).isFalse();
    }
}
