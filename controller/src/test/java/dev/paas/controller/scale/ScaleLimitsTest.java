package dev.paas.controller.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScaleLimitsTest {

    @Test
    void acceptsKnownTypesFromZeroToTheLimit() {
        assertThat(ScaleLimits.problem(Map.of("web", 0, "worker", ScaleLimits.MAX), Set.of("web", "worker"), "hello")).isNull();
    }

    @Test
    void refusesUnknownTypesAndAbsurdCountsWithTheLimit() {
        assertThat(ScaleLimits.problem(Map.of("wrker", 1), Set.of("web", "worker"), "hello"))
                .isEqualTo("No process type wrker in hello's current release: its Procfile has web, worker.");
        assertThat(ScaleLimits.problem(Map.of("web", 5000), Set.of("web"), "hello"))
                .isEqualTo("Cannot scale web to 5000: the count must be from 0 to 100.");
        assertThat(ScaleLimits.problem(Map.of("web", -1), Set.of("web"), "hello")).contains("from 0 to 100");
        assertThat(ScaleLimits.problem(Map.of(), Set.of("web"), "hello")).startsWith("Nothing to scale");
    }
}
