package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a build container started ahead may serve a build: only while everything it was started with holds. */
class WarmBuildContainersTest {

    private static final Duration IDLE_LIMIT = Duration.ofMinutes(30);
    private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    private final WarmBuildContainers.Started started = new WarmBuildContainers.Started(null, "sha256:a", 42L, AT);

    @Test
    void servesWhileItsImageAndCacheDirectoryAreTheSameAndItRuns() {
        assertThat(started.unfitBecause("sha256:a", 42L, true, AT.plus(Duration.ofMinutes(29)), IDLE_LIMIT)).isNull();
    }

    @Test
    void notOnceIdleForTheLimit() {
        assertThat(started.unfitBecause("sha256:a", 42L, true, AT.plus(IDLE_LIMIT), IDLE_LIMIT))
                .isEqualTo("idle since 2026-01-01T10:00:00Z");
    }

    @Test
    void notWhenTheCacheDirectoryIsGoneOrAnotherOne() {
        Instant now = AT.plusSeconds(5);
        assertThat(started.unfitBecause("sha256:a", 43L, true, now, IDLE_LIMIT))
                .isEqualTo("its cache directory was removed or replaced");
        assertThat(started.unfitBecause("sha256:a", null, true, now, IDLE_LIMIT))
                .isEqualTo("its cache directory was removed or replaced");
    }

    @Test
    void notWhenTheStackImageChangedOrIsGone() {
        Instant now = AT.plusSeconds(5);
        assertThat(started.unfitBecause("sha256:b", 42L, true, now, IDLE_LIMIT)).isEqualTo("the build stack image changed");
        assertThat(started.unfitBecause(null, 42L, true, now, IDLE_LIMIT)).isEqualTo("the build stack image changed");
    }

    @Test
    void notWhenItStopped() {
        assertThat(started.unfitBecause("sha256:a", 42L, false, AT.plusSeconds(5), IDLE_LIMIT))
                .isEqualTo("it is no longer running");
    }

    @Test
    void beyondTheLimitThoseWaitingLongestGo() {
        Map<String, WarmBuildContainers.Started> ready = Map.of(
                "newest", new WarmBuildContainers.Started(null, "sha256:a", 1L, AT.plusSeconds(30)),
                "oldest", new WarmBuildContainers.Started(null, "sha256:a", 2L, AT),
                "middle", new WarmBuildContainers.Started(null, "sha256:a", 3L, AT.plusSeconds(10)));

        assertThat(WarmBuildContainers.overLimit(ready, 1)).containsExactly("oldest", "middle");
        assertThat(WarmBuildContainers.overLimit(ready, 3)).isEmpty();
        assertThat(WarmBuildContainers.overLimit(ready, 5)).isEmpty();
    }
}
