package dev.paas.controller.schedule;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CoalescingRunnerTest {

    @Test
    void requestsWhileARunIsQueuedJoinItAndTheCallerNeverWaits() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        try (CoalescingRunner runner = new CoalescingRunner("test-runner", () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                await(mayFinish);
            } else {
                secondDone.countDown();
            }
        })) {
            runner.request();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            // The first run stays blocked until the burst is over: a request that waited for a run would never
            // return, and the burst would time out.
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    runner.request();
                }
            });
            try {
                burst.get(10, TimeUnit.SECONDS);
                assertThat(runs).as("no run started while the first was blocked").hasValue(1);
            } finally {
                mayFinish.countDown();
            }
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
            runner.close();
            assertThat(runs).as("the 50 requests joined one queued run").hasValue(2);
        }
    }

    @Test
    void aFailingRunDoesNotStopLaterOnes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch secondDone = new CountDownLatch(1);
        try (CoalescingRunner runner = new CoalescingRunner("test-runner", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database gone");
            }
            secondDone.countDown();
        })) {
            runner.request();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            runner.request();
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void withASpacingABurstOfRequestsRunsAtMostOncePerSpacing() throws Exception {
        java.util.List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CoalescingRunner runner = new CoalescingRunner("test-runner", () -> starts.add(System.nanoTime()),
                Duration.ofMillis(100))) {
            long end = System.nanoTime() + Duration.ofMillis(550).toNanos();
            while (System.nanoTime() < end) {
                runner.request(); // a thousand reports' asks
                Thread.sleep(1);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !starts.isEmpty()
                    && System.nanoTime() - starts.get(starts.size() - 1) > Duration.ofMillis(200).toNanos());
        }
        assertThat(starts.size()).as("one run per 100 ms of a 550 ms burst, and the last request's").isBetween(5, 8);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(99).toNanos());
        }
    }

    @Test
    void requestsAfterCloseAreIgnoredWithoutFailingTheCaller() {
        AtomicInteger runs = new AtomicInteger();
        CoalescingRunner runner = new CoalescingRunner("test-runner", runs::incrementAndGet);
        runner.close();

        assertThatCode(() -> {
            runner.request();
            runner.request();
        }).doesNotThrowAnyException();
        assertThat(runs).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
