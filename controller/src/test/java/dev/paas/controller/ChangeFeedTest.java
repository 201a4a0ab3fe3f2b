package dev.paas.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        Poll poll = Poll.waiting(feed, now);
        long bumped = feed.bump();
        // The poll waits for a minute unless woken: its answer within 10 s is the wake-up.
        assertThat(poll.answer.get(10, TimeUnit.SECONDS)).isEqualTo(bumped).isNotEqualTo(now);
    }

    @Test
    void anotherControllersChangeMovesPastBothNumbersAndWakesPolls() throws Exception {
        long now = feed.version();
        Poll poll = Poll.waiting(feed, now);
        java.util.List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        feed.listen(new ChangeFeed.Listener() {
            @Override
            public void changed(long version) {
                told.add(version);
            }

            @Override
            public void closing() {
            }
        });

        assertThat(feed.merge(now + 1000)).isEqualTo(now + 1000);
        assertThat(poll.answer.get(10, TimeUnit.SECONDS)).isEqualTo(now + 1000);
        // A number behind this controller's still moves it: something changed.
        assertThat(feed.merge(now)).isEqualTo(now + 1001);
        assertThat(told).containsExactly(now + 1000, now + 1001);
    }

    @Test
    void anObservedChangeMovesTheVersionButNotThePlannedOne() throws Exception {
        long planned = feed.bump();
        Poll poll = Poll.waiting(feed, planned);
        long observed = feed.bumpObserved();
        assertThat(poll.answer.get(10, TimeUnit.SECONDS)).as("it still wakes waiters").isEqualTo(observed);
        assertThat(feed.versions()).isEqualTo(new ChangeFeed.Versions(observed, planned));
        long next = feed.bump();
        assertThat(feed.versions()).isEqualTo(new ChangeFeed.Versions(next, next));
        long merged = feed.merge(next);
        assertThat(feed.versions()).as("another controller's change is of unknown kind")
                .isEqualTo(new ChangeFeed.Versions(merged, merged));
    }

    @Test
    void stoppingReleasesWaitingPolls() throws Exception {
        long now = feed.version();
        Poll poll = Poll.waiting(feed, now);
        feed.stop();
        assertThat(poll.answer.get(10, TimeUnit.SECONDS)).isEqualTo(now);
        assertThat(feed.isRunning()).isFalse();
    }

    /** A long poll on its own thread, returned once that thread is waiting inside the feed. */
    private record Poll(Thread thread, CompletableFuture<Long> answer) {

        static Poll waiting(ChangeFeed feed, long since) {
            CompletableFuture<Long> answer = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    answer.complete(feed.awaitChange(since, Duration.ofMinutes(1)));
                } catch (InterruptedException e) {
                    answer.completeExceptionally(e);
                }
            }, "poll");
            thread.setDaemon(true);
            thread.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
            assertThat(answer).isNotDone();
            return new Poll(thread, answer);
        }
    }
}
