package dev.paas.controller.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "my-app", "a1b", "app2", "abcdefghijklmnopqrstuvwxyz1234"})
    void acceptsDnsSafeNames(String name) {
        assertThat(AppNames.isValid(name)).isTrue();
        assertThat(AppNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "hello_", "ab", "1app", "-app", "app-", "my--app", "app.x", "a b",
            "abcdefghijklmnopqrstuvwxyz12345", ""})
    void refusesOthersWithAnActionableMessage(String name) {
        assertThat(AppNames.isValid(name)).isFalse();
        assertThat(AppNames.problem(name)).contains("'" + name + "' is invalid").contains("lowercase letters");
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThat(AppNames.isValid(null)).isFalse();
    }
}
