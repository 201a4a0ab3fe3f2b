package dev.paas.controller.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per user name and per source address over a sliding window; once either reaches its
 * limit, further attempts are refused without checking the password until the oldest failure leaves the window.
 * Counting by name stops guessing one user's password from many addresses; counting by address stops one address
 * trying many names. Held in memory: a restarted controller starts counting again, which costs an attacker a
 * restart they cannot cause. At most {@link #MAX_KEYS} names and addresses are tracked, the oldest dropped first,
 * so a flood of made-up names cannot grow it without bound.
 */
final class LoginThrottle {

    static final int MAX_KEYS = 10_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();

    LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long the caller must wait before the next attempt, or empty if it may try now. */
    synchronized Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(wait(userKey(username), perUser, now), wait(addressKey(address), perAddress, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    /** A right password clears the name's failures; the address keeps its count (it may be trying many names). */
    synchronized void succeeded(String username) {
        failures.remove(userKey(username));
    }

    synchronized int tracked() {
        return failures.size();
    }

    private Duration wait(String key, int limit, Instant now) {
        Deque<Instant> seen = recent(key, now);
        if (seen == null || seen.size() < limit) {
            return Duration.ZERO;
        }
        // The attempt that brings the count under the limit again: the limit-th newest failure leaving the window.
        Iterator<Instant> newestFirst = seen.descendingIterator();
        Instant blocking = null;
        for (int i = 0; i < limit; i++) {
            blocking = newestFirst.next();
        }
        return Duration.between(now, blocking.plus(window));
    }

    private void record(String key, Instant now) {
        Deque<Instant> seen = recent(key, now);
        if (seen == null) {
            if (failures.size() >= MAX_KEYS) {
                dropExpiredOrOldest(now);
            }
            seen = new ArrayDeque<>();
            failures.put(key, seen);
        }
        seen.addLast(now);
        // Only the newest failures up to the larger limit ever matter.
        while (seen.size() > Math.max(perUser, perAddress)) {
            seen.removeFirst();
        }
    }

    /** The failures of one key still inside the window, oldest first; null when there are none. */
    private Deque<Instant> recent(String key, Instant now) {
        Deque<Instant> seen = failures.get(key);
        if (seen == null) {
            return null;
        }
        Instant horizon = now.minus(window);
        while (!seen.isEmpty() && !seen.peekFirst().isAfter(horizon)) {
            seen.removeFirst();
        }
        if (seen.isEmpty()) {
            failures.remove(key);
            return null;
        }
        return seen;
    }

    private void dropExpiredOrOldest(Instant now) {
        Instant horizon = now.minus(window);
        failures.entrySet().removeIf(e -> e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(horizon));
        Iterator<String> oldest = failures.keySet().iterator();
        while (failures.size() >= MAX_KEYS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static String userKey(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > 100 ? name.substring(0, 100) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
