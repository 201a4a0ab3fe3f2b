package dev.paas.agent.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ImagePrunerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofHours(1));
    private static final String REGISTRY = "127.0.0.1:5000/";

    @Test
    void olderVersionsOfAnAppInUseMayGoButNeverOnesInUseOrNewer() {
        Map<String, Instant> local = Map.of(REGISTRY + "web:v1", NOW, REGISTRY + "web:v2", OLD,
                REGISTRY + "web:v3", OLD, REGISTRY + "web:v4", NOW);

        assertThat(ImagePruner.candidates(local, Set.of(REGISTRY + "web:v3"), NOW, Duration.ofMinutes(10)))
                .as("v3 runs; v4 may be a build not pushed yet").containsExactly(REGISTRY + "web:v1", REGISTRY + "web:v2");
    }

    @Test
    void anAppThisNodeDoesNotRunMayGoOnlyOnceItsImagesAreOld() {
        Map<String, Instant> local = Map.of(REGISTRY + "gone:v7", OLD, REGISTRY + "fresh:v1", NOW.minusSeconds(30));

        assertThat(ImagePruner.candidates(local, Set.of(), NOW, Duration.ofMinutes(10)))
                .containsExactly(REGISTRY + "gone:v7");
    }

    @Test
    void onlyAppImagesOfARegistryAreConsidered() {
        Map<String, Instant> local = Map.of("paas/stack-run:bookworm", OLD, "debian:bookworm", OLD,
                "paas-deps/web:0123456789abcdef", OLD, "registry.example/library/web:v1", OLD, "web:v1", OLD);

        assertThat(ImagePruner.candidates(local, Set.of(), NOW, Duration.ofMinutes(10))).isEmpty();
    }
}
