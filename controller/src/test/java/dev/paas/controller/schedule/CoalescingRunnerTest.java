package dev.paas.controller.schedule;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
            // The first run is blocked: these return at once and all join one queued run.
            for (int i = 0; i < 50; i++) {
                runner.request();
            }
            mayFinish.countDown();
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
            runner.close();
            assertThat(runs).hasValue(2);
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            runner.request();
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
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
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
