package dev.paas.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Given these failures per bucket and this time, expect this wait (or none). */
class LoginThrottleTest {

    /** 3 per name, 5 per address, over 15 minutes: buckets of 30 s. */
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aNameMayFailUpToItsLimitThenWaitsUntilTheOldestCountingBucketLeavesTheWindow() {
        List<LoginThrottle.Bucket> two = List.of(bucket(0, 1), bucket(60, 1));
        assertThat(throttle.retryAfter(byName(two), t0.plusSeconds(120))).isEmpty();

        List<LoginThrottle.Bucket> three = List.of(bucket(0, 1), bucket(60, 1), bucket(120, 1));
        // The oldest counts until its bucket's end (30 s) plus the window: 15.5 min after t0.
        assertThat(throttle.retryAfter(byName(three), t0.plusSeconds(120))).contains(Duration.ofSeconds(13 * 60 + 30));
        assertThat(throttle.retryAfter(byName(three), t0.plusSeconds(15 * 60 + 29)))
                .as("a failure counts for the whole window, never less").contains(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter(byName(three), t0.plusSeconds(15 * 60 + 30))).isEmpty();
    }

    @Test
    void failuresInOneBucketAddUpAndMoreThanTheLimitWaitsForTheBucketThatReachedIt() {
        // Two controllers raced past the limit: 2 then 3 failures; the newest bucket alone holds the limit.
        List<LoginThrottle.Bucket> raced = List.of(bucket(0, 2), bucket(300, 3));
        assertThat(throttle.retryAfter(byName(raced), t0.plusSeconds(300)))
                .contains(Duration.ofSeconds(15 * 60 + 30));
        assertThat(throttle.retryAfter(byName(List.of(bucket(0, 2), bucket(300, 1))), t0.plusSeconds(300)))
                .as("the limit reached over two buckets waits for the older")
                .contains(Duration.ofSeconds(10 * 60 + 30));
    }

    @Test
    void anAddressTryingManyNamesIsLimitedToo() {
        LoginThrottle.Seen fourFromIt = new LoginThrottle.Seen(List.of(), List.of(bucket(0, 4)));
        assertThat(throttle.retryAfter(fourFromIt, t0)).isEmpty();
        LoginThrottle.Seen fiveFromIt = new LoginThrottle.Seen(List.of(), List.of(bucket(0, 5)));
        assertThat(throttle.retryAfter(fiveFromIt, t0)).contains(Duration.ofSeconds(15 * 60 + 30));
    }

    @Test
    void theLongerOfTheNamesAndTheAddresssWaitsIsAnswered() {
        LoginThrottle.Seen both = new LoginThrottle.Seen(List.of(bucket(0, 3)), List.of(bucket(600, 5)));
        assertThat(throttle.retryAfter(both, t0.plusSeconds(600))).contains(Duration.ofSeconds(15 * 60 + 30));
    }

    @Test
    void bucketsOutsideTheWindowDoNotCountAndMarkWhatMayBeDeleted() {
        Instant now = t0.plusSeconds(20 * 60);
        assertThat(throttle.horizon(now)).isEqualTo(t0.plusSeconds(4 * 60 + 30));
        List<LoginThrottle.Bucket> old = List.of(bucket(0, 10), bucket(4 * 60 + 30, 10), bucket(5 * 60, 2));
        assertThat(throttle.retryAfter(byName(old), now)).as("only the bucket after the horizon counts").isEmpty();
    }

    @Test
    void bucketsAreAThirtiethOfTheWindowAlignedSoEveryControllerNamesTheSame() {
        assertThat(throttle.bucketOf(t0.plusSeconds(29).plusMillis(999))).isEqualTo(t0);
        assertThat(throttle.bucketOf(t0.plusSeconds(30))).isEqualTo(t0.plusSeconds(30));
        assertThat(new LoginThrottle(3, 5, Duration.ofSeconds(3)).bucketOf(t0.plusMillis(1500)))
                .as("at least a second").isEqualTo(t0.plusSeconds(1));
    }

    @Test
    void aNameIsCountedUnderAnySpellingAndKeysAreBounded() {
        assertThat(LoginThrottle.userKey(" ANA ")).isEqualTo(LoginThrottle.userKey("ana")).isEqualTo("ana");
        assertThat(LoginThrottle.userKey("x".repeat(5000))).hasSize(LoginThrottle.MAX_KEY);
        assertThat(LoginThrottle.addressKey("f".repeat(5000))).hasSize(LoginThrottle.MAX_KEY);
        assertThat(LoginThrottle.userKey(null)).isEmpty();
        assertThat(LoginThrottle.addressKey("10.0.0.1")).isEqualTo("10.0.0.1");
    }

    private LoginThrottle.Bucket bucket(int secondsAfterT0, int failures) {
        return new LoginThrottle.Bucket(t0.plusSeconds(secondsAfterT0), failures);
    }

    private static LoginThrottle.Seen byName(List<LoginThrottle.Bucket> buckets) {
        return new LoginThrottle.Seen(buckets, List.of());
    }
}
