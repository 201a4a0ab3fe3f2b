package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DockerfilePortTest {

    @Test
    void theFirstLiteralExposeWins() {
        assertThat(DockerfilePort.of("FROM x\nexpose $PORT\nEXPOSE 8000/tcp 9000\nEXPOSE 7000\n", List.of(7000)))
                .isEqualTo(8000);
    }

    @Test
    void elseTheLowestPortTheImageExposesElse5000() {
        assertThat(DockerfilePort.of("FROM x\nEXPOSE 53/udp\n", List.of(9090, 8080))).isEqualTo(8080);
        assertThat(DockerfilePort.of("FROM x\n", List.of())).isEqualTo(5000);
    }
}
