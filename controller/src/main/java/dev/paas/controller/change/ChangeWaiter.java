package dev.paas.controller.change;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import org.springframework.stereotype.Component;

/**
 * Follows a change after its commit: every node report, router acknowledgement and rollout step bumps the
 * {@link ChangeFeed}, so a change looks again only when something moved (and at least twice a second, at most ten
 * times).
 */
@Component
public class ChangeWaiter {

    private static final Duration AT_LEAST_EVERY = Duration.ofMillis(500);
    /**
     * Every report of a rollout to 1,000 nodes moves the feed: a waiter looks at most this often, not once per
     * report.
     */
    static final Duration AT_MOST_EVERY = Duration.ofMillis(100);

    private final ChangeFeed feed;
    private final ReleaseRepository releases;

    ChangeWaiter(ChangeFeed feed, ReleaseRepository releases) {
        this.feed = feed;
        this.releases = releases;
    }

    /** Asks {@code outcome} after each change until it has an answer or the timeout passes (then empty). */
    public <T> Optional<T> await(Duration timeout, Supplier<Optional<T>> outcome) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Read before asking: a change between the question and the wait still ends the wait.
            long version = feed.version();
            long looked = System.nanoTime();
            Optional<T> answer = outcome.get();
            long left = deadline - System.nanoTime();
            if (answer.isPresent() || left <= 0) {
                return answer;
            }
            feed.awaitChange(version, Duration.ofNanos(Math.min(left, AT_LEAST_EVERY.toNanos())));
            long early = Math.min(looked + AT_MOST_EVERY.toNanos(), deadline) - System.nanoTime();
            if (early > 0) {
                Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
            }
        }
    }

    /**
     * The release once its rollout has an outcome (succeeded, or failed with the reason), else as it is when the
     * timeout passes (still deploying).
     *
     * @param eachLook run before each look, e.g. to tell a pusher about its containers
     */
    public Release rollout(Release release, Duration timeout, Runnable eachLook) throws InterruptedException {
        return await(timeout, () -> {
            eachLook.run();
            return releases.findById(release.getId()).filter(r -> r.getStatus() != Release.Status.deploying);
        }).orElseGet(() -> releases.findById(release.getId()).orElse(release));
    }
}
