package dev.paas.controller.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a sign-in may be tried, given the failed sign-ins of its user name and of its source address over a
 * sliding window: once either reaches its limit, further attempts are refused without checking the password until
 * enough of the oldest failures leave the window. Counting by name stops guessing one user's password from many
 * addresses; counting by address stops one address trying many names. Pure: the counts are {@link LoginFailures}',
 * shared by every controller of the database, so spreading guesses over controllers gains nothing.
 *
 * <p>Failures are counted in buckets of a thirtieth of the window (at least a second, aligned to the epoch so every
 * controller names the same bucket). A bucket counts until its end plus the window: a failure counts for the whole
 * window, and at most one bucket (30 s of the default 15 min) longer, never less.
 */
final class LoginThrottle {

    static final int BUCKETS_PER_WINDOW = 30;
    /** Keys are cut to this many characters (the table's limit): a long made-up name cannot make a long row. */
    static final int MAX_KEY = 100;

    /** The failures of one name or address whose time fell in the bucket that starts at {@code start}. */
    record Bucket(Instant start, int failures) {
    }

    /** What the store holds for one attempt's name and address (buckets in any order). */
    record Seen(List<Bucket> byName, List<Bucket> byAddress) {
    }

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Duration bucket;

    LoginThrottle(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.bucket = Duration.ofMillis(Math.max(1000, window.toMillis() / BUCKETS_PER_WINDOW));
    }

    static LoginThrottle of(LoginSettings settings) {
        return new LoginThrottle(settings.failuresPerUser(), settings.failuresPerAddress(), settings.failureWindow());
    }

    /** How long the caller must wait before the next attempt, or empty if it may try now. */
    Optional<Duration> retryAfter(Seen seen, Instant now) {
        Instant byName = blockedUntil(seen.byName(), perUser, now);
        Instant byAddress = blockedUntil(seen.byAddress(), perAddress, now);
        Instant until = byName.isAfter(byAddress) ? byName : byAddress;
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** The bucket a failure at {@code at} is counted in. */
    Instant bucketOf(Instant at) {
        long size = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    /** Buckets that start at or before this no longer count at {@code now}: nothing older need be read or kept. */
    Instant horizon(Instant now) {
        return now.minus(window).minus(bucket);
    }

    /** The key of a user name: any spelling of its case, blanks around it ignored, cut to {@link #MAX_KEY}. */
    static String userKey(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return cut(name);
    }

    static String addressKey(String address) {
        return cut(address == null ? "" : address);
    }

    /** Until when the failures in {@code buckets} refuse attempts: the end of the window of the limit-th newest. */
    private Instant blockedUntil(List<Bucket> buckets, int limit, Instant now) {
        Instant horizon = horizon(now);
        int newer = 0;
        for (Bucket b : buckets.stream().sorted(Comparator.comparing(Bucket::start).reversed()).toList()) {
            if (!b.start().isAfter(horizon)) {
                break;
            }
            newer += b.failures();
            if (newer >= limit) {
                return b.start().plus(bucket).plus(window);
            }
        }
        return now;
    }

    private static String cut(String key) {
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }
}
