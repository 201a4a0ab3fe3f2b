package dev.paas.agent.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRefTest {

    @Test
    void splitsTheTagButNotTheRegistryPort() {
        assertThat(ImageRef.parse("127.0.0.1:5000/hello:v1")).isEqualTo(new ImageRef("127.0.0.1:5000/hello", "v1"));
        assertThat(ImageRef.parse("127.0.0.1:5000/hello")).isEqualTo(new ImageRef("127.0.0.1:5000/hello", "latest"));
        assertThat(ImageRef.parse("paas/stack-run:bookworm")).isEqualTo(new ImageRef("paas/stack-run", "bookworm"));
        assertThat(ImageRef.parse("r:5000/a@sha256:abc")).isEqualTo(new ImageRef("r:5000/a", "sha256:abc"));
    }
}
