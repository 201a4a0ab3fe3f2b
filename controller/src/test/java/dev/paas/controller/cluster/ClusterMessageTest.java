package dev.paas.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void everyKindTravelsWhole() {
        List<ClusterMessage> messages = List.of(
                new ClusterMessage.Bump("c1a2b3c4", 1_733_000_000_123L),
                new ClusterMessage.Polled("c1a2b3c4", "router-e2e", null),
                new ClusterMessage.Polled("c1a2b3c4", "edge-1", 7L),
                new ClusterMessage.Acknowledged("c1a2b3c4", "router-e2e", null, 42L),
                new ClusterMessage.Acknowledged("c1a2b3c4", "edge-1", 3L, -5L),
                new ClusterMessage.Logged("c1a2b3c4", new LinkedHashSet<>(List.of("hello", "other-app"))),
                new ClusterMessage.Forgot("c1a2b3c4"));
        for (ClusterMessage message : messages) {
            assertThat(ClusterMessage.parse(ClusterMessage.format(message))).contains(message);
        }
    }

    @Test
    void refusesWhatItDidNotWriteWhole() {
        for (String payload : new String[] {"", "b", "b\tc1", "b\tc1\tnot-a-number", "x\tc1\t1", "b\tc 1\t1",
                "b\tc1\t1\textra", "p\tc1\trouter one\t-", "a\tc1\tr\t-", "a\tc1\tr\tseven\t1",
                "l\tc1\thello,../etc", "l\tc1\t", "p\tc1\tr\t-\t-", "c\tc1\tx", "c\tc1\t-\t-"}) {
            assertThat(ClusterMessage.parse(payload)).as(payload).isEmpty();
        }
        assertThat(ClusterMessage.parse(null)).isEmpty();
        assertThat(ClusterMessage.parse("b\tc1\t" + "1".repeat(ClusterMessage.MAX_PAYLOAD))).isEmpty();
    }

    @Test
    void namesWithSeparatorsAreNotCarried() {
        assertThat(ClusterMessage.carries("router-e2e")).isTrue();
        assertThat(ClusterMessage.carries("a\tb")).isFalse();
        assertThat(ClusterMessage.carries("a,b")).isFalse();
        assertThat(ClusterMessage.carries(null)).isFalse();
    }

    @Test
    void manyAppsAreSplitIntoPayloadsPostgresAccepts() {
        Set<String> apps = new LinkedHashSet<>();
        IntStream.range(0, 1000).forEach(i -> apps.add("app-with-a-long-name-" + i));
        apps.add("bad,name");
        List<Set<String>> chunks = LogChunks.of(apps);

        assertThat(chunks).hasSizeGreaterThan(1);
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> chunk : chunks) {
            String payload = ClusterMessage.format(new ClusterMessage.Logged("c1a2b3c4", chunk));
            assertThat(payload.length()).isLessThan(ClusterMessage.MAX_PAYLOAD);
            assertThat(ClusterMessage.parse(payload)).contains(new ClusterMessage.Logged("c1a2b3c4", chunk));
            all.addAll(chunk);
        }
        apps.remove("bad,name");
        assertThat(all).isEqualTo(apps);
    }

    @Test
    void oneAppIsOneChunk() {
        assertThat(LogChunks.of(Set.of("hello"))).containsExactly(Set.of("hello"));
        assertThat(LogChunks.of(Set.of())).isEmpty();
    }
}
