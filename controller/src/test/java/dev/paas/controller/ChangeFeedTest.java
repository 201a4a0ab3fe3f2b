package dev.paas.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ChangeFeedTest {

    private final ChangeFeed feed = new ChangeFeed();

    @Test
    void answersAtOnceWhenTheCallerIsBehind() throws Exception {
        long now = feed.version();
        assertThat(feed.awaitChange(now - 1, Duration.ofMinutes(1))).isEqualTo(now);
        assertThat(feed.awaitChange(-1, Duration.ofMinutes(1))).isEqualTo(now);
    }

    @Test
    void aBumpWakesAWaitingPoll() throws Exception {
        long now = feed.version();
        CompletableFuture<Long> poll = CompletableFuture.supplyAsync(() -> await(now));
        Thread.sleep(50);
        long bumped = feed.bump();
        assertThat(poll.get(10, TimeUnit.SECONDS)).isEqualTo(bumped).isNotEqualTo(now);
    }

    @Test
    void stoppingReleasesWaitingPolls() throws Exception {
        long now = feed.version();
        CompletableFuture<Long> poll = CompletableFuture.supplyAsync(() -> await(now));
        Thread.sleep(50);
        feed.stop();
        assertThat(poll.get(10, TimeUnit.SECONDS)).isEqualTo(now);
        assertThat(feed.isRunning()).isFalse();
    }

    private long await(long since) {
        try {
            return feed.awaitChange(since, Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
