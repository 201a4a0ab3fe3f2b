package dev.paas.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DockerLogLineTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void splitsTheTimestampDockerPutsInFront() {
        assertThat(DockerLogLine.parse("2026-11-22T10:20:00.123456789Z hello  world\n", NOW))
                .containsExactly(new DockerLogLine(Instant.parse("2026-11-22T10:20:00.123456789Z"), "hello  world"));
    }

    @Test
    void aFrameWithSeveralLinesGivesEachAndSkipsEmptyOnes() {
        assertThat(DockerLogLine.parse("2026-11-22T10:20:00Z a\r\n\n2026-11-22T10:20:01Z b\n", NOW))
                .extracting(DockerLogLine::text).containsExactly("a", "b");
    }

    @Test
    void aLineWithoutTimestampKeepsItsTextAndGetsNow() {
        assertThat(DockerLogLine.parse("no timestamp here", NOW))
                .containsExactly(new DockerLogLine(NOW, "no timestamp here"));
    }
}
