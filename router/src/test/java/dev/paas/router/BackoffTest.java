package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(backoff.next()).hasSeconds(1);
        assertThat(backoff.next()).hasSeconds(2);
        assertThat(backoff.next()).hasSeconds(4);
        assertThat(backoff.next()).hasSeconds(5);
        assertThat(backoff.next()).hasSeconds(5);
        backoff.reset();
        assertThat(backoff.next()).hasSeconds(1);
    }
}
