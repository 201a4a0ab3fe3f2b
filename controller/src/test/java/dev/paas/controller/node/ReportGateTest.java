package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.paas.controller.web.ApiException;
import org.junit.jupiter.api.Test;

/** Reports stored at once: never more than the slots, the others in turn, and a refusal only after the wait. */
class ReportGateTest {

    @Test
    void storesAtMostItsSlotsAtOnceAndTheOthersInTurn() throws Exception {
        ReportGate gate = new ReportGate(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService reports = Executors.newFixedThreadPool(6);
        try {
            java.util.List<Future<Integer>> stored = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int report = i;
                stored.add(reports.submit(() -> gate.store(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(50);
                    running.decrementAndGet();
                    return report;
                })));
            }
            for (int i = 0; i < 6; i++) {
                assertThat(stored.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            reports.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(gate.free()).isEqualTo(2);
    }

    @Test
    void aReportThatWaitsTooLongIsRefusedWithA503AndStoresNothing() throws Exception {
        ReportGate gate = new ReportGate(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> gate.store(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        first.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger stored = new AtomicInteger();
        assertThatThrownBy(() -> gate.store(stored::incrementAndGet))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(stored.get()).isZero();
        release.countDown();
        first.join(5_000);
        assertThat(gate.store(stored::incrementAndGet)).isEqualTo(1);
    }

    @Test
    void aStoreThatFailsGivesItsSlotBack() {
        ReportGate gate = new ReportGate(1, Duration.ofMillis(100));
        assertThatThrownBy(() -> gate.store(() -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(gate.free()).isEqualTo(1);
    }

    @Test
    void aReportGivesWayWhileAnswersAreBeingWrittenAndGoesOnWhenTheyAre() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean answering = new java.util.concurrent.atomic.AtomicBoolean(true);
        ReportGate gate = new ReportGate(4, Duration.ofSeconds(8), answering::get, Duration.ofSeconds(5));
        AtomicInteger stored = new AtomicInteger();
        Thread report = new Thread(() -> gate.store(stored::incrementAndGet));
        report.start();
        sleep(200);
        assertThat(stored.get()).as("gives way while answers are written").isZero();
        answering.set(false);
        report.join(5_000);
        assertThat(stored.get()).isEqualTo(1);
    }

    @Test
    void aReportGivesWayAtMostItsBoundThenIsStored() {
        ReportGate gate = new ReportGate(4, Duration.ofSeconds(8), () -> true, Duration.ofMillis(100));
        long began = System.nanoTime();
        assertThat(gate.store(() -> "stored")).isEqualTo("stored");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
