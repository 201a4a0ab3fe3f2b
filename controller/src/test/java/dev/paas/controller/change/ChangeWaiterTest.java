package dev.paas.controller.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.paas.controller.ChangeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeWaiterTest {

    final ChangeFeed feed = new ChangeFeed();
    final ChangeWaiter waiter = new ChangeWaiter(feed, null);
    final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    @Test
    void looksAgainAsSoonAsTheFeedChangesNotOnlyEveryHalfSecond() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        later.schedule(() -> {
            done.set(true);
            feed.bump();
        }, 50, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();

        Optional<String> outcome = waiter.await(Duration.ofSeconds(10), () -> done.get() ? Optional.of("up") : Optional.empty());

        assertThat(outcome).contains("up");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void looksAtLeastTwiceASecondWithoutChanges() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        Optional<String> outcome = waiter.await(Duration.ofMillis(1200), () -> {
            looks.incrementAndGet();
            return Optional.empty();
        });

        assertThat(outcome).isEmpty();
        assertThat(looks.get()).isBetween(3, 5);
    }

    @Test
    void looksAtMostTenTimesASecondWhileTheFeedMovesWithoutEnd() throws Exception {
        AtomicBoolean moving = new AtomicBoolean(true);
        Thread reports = new Thread(() -> {
            while (moving.get()) {
                feed.bump(); // a rollout's thousand reports
                Thread.onSpinWait();
            }
        });
        reports.start();
        AtomicInteger looks = new AtomicInteger();
        try {
            waiter.await(Duration.ofMillis(1000), () -> {
                looks.incrementAndGet();
                return Optional.empty();
            });
        } finally {
            moving.set(false);
            reports.join(5_000);
        }
        assertThat(looks.get()).isBetween(5, 12);
    }

    @Test
    void answersAtOnceWhenTheOutcomeIsAlreadyThere() throws Exception {
        assertThat(waiter.await(Duration.ZERO, () -> Optional.of(1))).contains(1);
    }
}
