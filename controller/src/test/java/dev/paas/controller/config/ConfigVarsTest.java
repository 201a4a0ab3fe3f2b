package dev.paas.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigVarsTest {

    @Test
    void mergesSetsAndRemovesUnsetsKeepingValuesAsGiven() {
        Map<String, String> next = ConfigVars.apply(Map.of("DEBUG", "1", "KEEP", "k"),
                Map.of("GREETING", "hello = world\nsecond line"), List.of("DEBUG"));

        assertThat(next).containsOnly(Map.entry("KEEP", "k"), Map.entry("GREETING", "hello = world\nsecond line"));
    }

    @Test
    void refusesUnknownKeysToUnsetAndChangesNothing() {
        Map<String, String> current = Map.of("DEBUG", "1");
        assertThatThrownBy(() -> ConfigVars.apply(current, Map.of("A", "1"), List.of("NOPE", "DEBUG", "ALSO")))
                .hasMessage("Cannot unset NOPE, ALSO: no such config vars ('paas config' lists them).");
    }

    @Test
    void refusesInvalidAndReservedNames() {
        assertThatThrownBy(() -> ConfigVars.apply(Map.of(), Map.of("1ABC", "x"), List.of()))
                .hasMessageContaining("'1ABC' is invalid");
        assertThatThrownBy(() -> ConfigVars.apply(Map.of(), Map.of("A-B", "x"), List.of()))
                .hasMessageContaining("'A-B' is invalid");
        assertThatThrownBy(() -> ConfigVars.apply(Map.of(), Map.of("PORT", "1"), List.of()))
                .hasMessageContaining("set by the platform");
        assertThatThrownBy(() -> ConfigVars.apply(Map.of(), Map.of(), List.of()))
                .hasMessageContaining("Nothing to change");
        assertThat(ConfigVars.apply(Map.of(), Map.of("_a1", ""), List.of())).containsEntry("_a1", "");
    }

    @Test
    void summarisesTheDifference() {
        assertThat(ConfigVars.summary(Map.of("DEBUG", "1", "SAME", "s"), Map.of("GREETING", "hi", "SAME", "s")))
                .isEqualTo("Set GREETING, unset DEBUG");
        assertThat(ConfigVars.summary(Map.of("B", "1"), Map.of("B", "2", "A", "1"))).isEqualTo("Set A, B");
        assertThat(ConfigVars.summary(Map.of("A", "1"), Map.of())).isEqualTo("Unset A");
        assertThat(ConfigVars.summary(Map.of("A", "1"), Map.of("A", "1"))).isEqualTo("No config change");
    }
}
