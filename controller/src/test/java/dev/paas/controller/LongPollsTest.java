package dev.paas.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.request.async.DeferredResult;

/** Long polls over the feed: given what each key's answer is and which changed, expect who is answered. */
class LongPollsTest {

    private static final Duration WAIT = Duration.ofSeconds(25);

    private final ChangeFeed feed = new ChangeFeed();
    // the "database": each node's answer, and every batch of keys read from it
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<Set<String>> reads = new CopyOnWriteArrayList<>();
    private volatile boolean readsFail;
    private final LongPolls<String, String, Answer> polls = polls(false);

    record Answer(long version, String value) {
    }

    @AfterEach
    void stop() {
        polls.shutdown();
    }

    @Test
    void aPollerThatHoldsNoKnownAnswerIsAnsweredAtOnce() {
        answers.put("a", "one");
        DeferredResult<Answer> first = polls.poll("a", -1, WAIT);
        assertThat(first.getResult()).isEqualTo(new Answer(feed.version(), "one"));
        // a version this controller never gave (it restarted, say)
        assertThat(polls.poll("a", feed.version() - 7, WAIT).getResult()).isEqualTo(new Answer(feed.version(), "one"));
        assertThat(polls.poll("a", feed.version(), Duration.ZERO).getResult()).isNotNull();
    }

    @Test
    void aChangeForOneNodeAnswersOnlyThatNodesPoll() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        DeferredResult<Answer> b = waiting("b", "b1");
        DeferredResult<Answer> c = waiting("c", "c1");
        reads.clear();

        answers.put("b", "b2");
        long version = feed.bump();
        polls.awaitPasses();

        assertThat(b.getResult()).isEqualTo(new Answer(version, "b2"));
        assertThat(a.hasResult()).isFalse();
        assertThat(c.hasResult()).isFalse();
        assertThat(polls.waiting()).isEqualTo(2);
        assertThat(reads).as("one read for all waiting nodes").containsExactly(Set.of("a", "b", "c"));
    }

    @Test
    void aChangeThatLeavesEveryAnswerAsItWasAnswersNobodyAndIsNotReadAgain() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        reads.clear();
        long version = feed.bump();
        polls.awaitPasses();
        assertThat(a.hasResult()).isFalse();
        assertThat(reads).hasSize(1);

        // the waiter now holds the answer of the newer version too: a pass at the same version reads nothing
        polls.changed(version);
        polls.awaitPasses();
        assertThat(reads).hasSize(1);
        answers.put("a", "a2");
        long next = feed.bump();
        polls.awaitPasses();
        assertThat(a.getResult()).isEqualTo(new Answer(next, "a2"));
    }

    @Test
    void aChangeBetweenTheAnswerAndTheNextPollIsSeenWhenThePollArrives() throws Exception {
        answers.put("a", "a1");
        long version = polls.poll("a", -1, WAIT).getResult() instanceof Answer answer ? answer.version() : -1;
        answers.put("a", "a2");
        long bumped = feed.bump();
        polls.awaitPasses(); // nobody waited: nothing to answer

        DeferredResult<Answer> next = polls.poll("a", version, WAIT);
        polls.awaitPasses();
        assertThat(next.getResult()).isEqualTo(new Answer(bumped, "a2"));
    }

    @Test
    void aNodeThatIsGoneEndsItsPollWithTheError() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        answers.remove("a");
        feed.bump();
        polls.awaitPasses();
        assertThat(a.getResult()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodesPollsBeyondTheLimitReleaseItsOldestWithWhatItHolds() throws Exception {
        List<DeferredResult<Answer>> held = new CopyOnWriteArrayList<>();
        DeferredResult<Answer> first = waiting("a", "a1");
        for (int i = 1; i < LongPolls.MAX_WAITERS_PER_KEY; i++) {
            held.add(polls.poll("a", feed.version(), WAIT));
        }
        assertThat(first.hasResult()).isFalse();
        polls.poll("a", feed.version(), WAIT);
        assertThat(first.getResult()).isEqualTo(new Answer(feed.version(), "a1"));
        assertThat(held).noneMatch(DeferredResult::hasResult);
        assertThat(polls.waiting()).isEqualTo(LongPolls.MAX_WAITERS_PER_KEY);
    }

    @Test
    void stoppingAnswersEveryPollWithWhatItHoldsWithoutReading() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        long version = feed.version();
        reads.clear();
        feed.stop();
        polls.awaitPasses();
        assertThat(a.getResult()).isEqualTo(new Answer(version, "a1"));
        assertThat(reads).isEmpty();
        assertThat(polls.poll("a", version, WAIT).hasResult()).as("no new poll waits").isTrue();
    }

    @Test
    void pollsThatAcknowledgeEveryVersionAreAnsweredAtEveryChange() throws Exception {
        LongPolls<String, String, Answer> everyChange = polls(true);
        try {
            answers.put("r", "routes");
            long version = feed.version();
            DeferredResult<Answer> r = everyChange.poll("r", version, WAIT);
            assertThat(r.hasResult()).isFalse();
            long bumped = feed.bump();
            everyChange.awaitPasses();
            assertThat(r.getResult()).isEqualTo(new Answer(bumped, "routes"));
            assertThat(everyChange.poll("r", version, WAIT).getResult()).as("behind").isEqualTo(new Answer(bumped, "routes"));
        } finally {
            everyChange.shutdown();
        }
    }

    @Test
    void aWaitThatEndsWithNoChangeSinceIsAnsweredWithWhatItHoldsWithoutReading() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        DeferredResult<Answer> b = waiting("b", "b1");
        reads.clear();
        timeOut(a);
        assertThat(a.getResult()).isEqualTo(new Answer(feed.version(), "a1"));
        assertThat(reads).isEmpty();

        // a change that left b's answer as it was: the pass found it current at the new version
        long version = feed.bump();
        polls.awaitPasses();
        reads.clear();
        timeOut(b);
        assertThat(b.getResult()).isEqualTo(new Answer(version, "b1"));
        assertThat(reads).isEmpty();
    }

    @Test
    void aWaitThatEndsAfterAChangeNoPassLookedAtReadsTheCurrentAnswer() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        readsFail = true;
        long version = feed.bump();
        polls.awaitPasses(); // the pass could not read: the wait does not know its answer at this version
        readsFail = false;
        answers.put("a", "a2");
        reads.clear();
        timeOut(a);
        assertThat(a.getResult()).isEqualTo(new Answer(version, "a2"));
        assertThat(reads).containsExactly(Set.of("a"));
    }

    @Test
    void pollsThatDoNotFollowObservedStateLetItsChangesThroughWithoutReading() throws Exception {
        LongPolls<String, String, Answer> desired = polls(false, false);
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "a1");
            DeferredResult<Answer> b = waiting(desired, "b", "b1");
            reads.clear();
            for (int i = 0; i < 3; i++) {
                feed.bumpObserved(); // a rollout's reports: containers came up
            }
            desired.awaitPasses();
            assertThat(reads).isEmpty();
            assertThat(a.hasResult()).isFalse();

            // its wait ends: what it holds is still current, at the version now
            timeOut(a);
            assertThat(a.getResult()).isEqualTo(new Answer(feed.version(), "a1"));
            assertThat(reads).isEmpty();

            // a change of desired state after them is read, once, and answers whose answer changed
            answers.put("b", "b2");
            long version = feed.bump();
            desired.awaitPasses();
            assertThat(b.getResult()).isEqualTo(new Answer(version, "b2"));
            assertThat(reads).containsExactly(Set.of("b"));
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void aChangeOfDesiredStateBeforeAnObservedOneIsStillRead() throws Exception {
        LongPolls<String, String, Answer> desired = polls(false, false);
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "a1");
            reads.clear();
            answers.put("a", "a2");
            long planned = feed.bump();
            long observed = feed.bumpObserved(); // a pass may look at either version: at both, a2 is new
            desired.awaitPasses();
            assertThat(a.getResult()).isIn(new Answer(planned, "a2"), new Answer(observed, "a2"));
            assertThat(reads).containsExactly(Set.of("a"));
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void pollsThatFollowObservedStateReadAtItsChanges() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        reads.clear();
        answers.put("a", "a2"); // a container's state: what the route table follows
        long version = feed.bumpObserved();
        polls.awaitPasses();
        assertThat(a.getResult()).isEqualTo(new Answer(version, "a2"));
        assertThat(reads).containsExactly(Set.of("a"));
    }

    @Test
    void anotherControllersChangeOfUnknownKindIsRead() throws Exception {
        LongPolls<String, String, Answer> desired = polls(false, false);
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "a1");
            reads.clear();
            answers.put("a", "a2");
            long merged = feed.merge(feed.version() + 5);
            desired.awaitPasses();
            assertThat(a.getResult()).isEqualTo(new Answer(merged, "a2"));
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void anAnswerAPassGaveCountsAsBeingWrittenUntilItsRequestCompletes() throws Exception {
        DeferredResult<Answer> a = waiting("a", "a1");
        DeferredResult<Answer> b = waiting("b", "b1");
        DeferredResult<Answer> c = waiting("c", "c1");
        answers.put("a", "a2");
        answers.put("b", "b2");
        feed.bump();
        polls.awaitPasses();
        assertThat(a.hasResult()).isTrue();
        assertThat(b.hasResult()).isTrue();
        assertThat(polls.answering()).as("a and b: answered, not written yet; c still waits").isEqualTo(2);

        completed(a);
        assertThat(polls.answering()).isEqualTo(1);
        completed(a); // told twice (an error, then the completion): counted once
        completed(b);
        assertThat(polls.answering()).isZero();

        // answered at the end of its wait, not by a pass: nothing to give way to
        timeOut(c);
        assertThat(c.hasResult()).isTrue();
        assertThat(polls.answering()).isZero();
    }

    @Test
    void anAnswerThatMayWaitIsHeldBackAndGoesOutWithTheNextChange() throws Exception {
        LongPolls<String, String, Answer> desired = holding(Duration.ofHours(1));
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "xy");
            DeferredResult<Answer> b = waiting(desired, "b", "b1");
            reads.clear();
            answers.put("a", "x"); // y stops: it may wait
            feed.bump();
            desired.awaitPasses();
            assertThat(a.hasResult()).isFalse();
            assertThat(reads).containsExactly(Set.of("a", "b"));

            // a rollout's reports meanwhile: nothing planned moved, nothing read again
            feed.bumpObserved();
            feed.bumpObserved();
            desired.awaitPasses();
            assertThat(reads).hasSize(1);
            assertThat(a.hasResult()).isFalse();

            // the next change starts z on a: one answer with both
            answers.put("a", "xz");
            long version = feed.bump();
            desired.awaitPasses();
            assertThat(a.getResult()).isEqualTo(new Answer(version, "xz"));
            assertThat(b.hasResult()).isFalse();
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void aHeldAnswerIsGivenWhenItsTimeComesWithoutReadingAgain() throws Exception {
        LongPolls<String, String, Answer> desired = holding(Duration.ofMillis(100));
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "xy");
            reads.clear();
            answers.put("a", "x");
            long version = feed.bump();
            long observed = feed.bumpObserved();
            for (int i = 0; i < 250 && !a.hasResult(); i++) {
                Thread.sleep(20);
            }
            assertThat(a.getResult()).isIn(new Answer(version, "x"), new Answer(observed, "x"));
            assertThat(reads).containsExactly(Set.of("a"));
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void aWaitThatEndsWhileItsAnswerIsHeldGetsThatAnswerWithoutReading() throws Exception {
        LongPolls<String, String, Answer> desired = holding(Duration.ofHours(1));
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "xy");
            reads.clear();
            answers.put("a", "x");
            long version = feed.bump();
            desired.awaitPasses();
            timeOut(a);
            assertThat(a.getResult()).isEqualTo(new Answer(version, "x"));
            assertThat(reads).hasSize(1);
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void anAnswerThatMayNotWaitIsGivenAtOnce() throws Exception {
        LongPolls<String, String, Answer> desired = holding(Duration.ofHours(1));
        try {
            DeferredResult<Answer> a = waiting(desired, "a", "xy");
            answers.put("a", "xyz"); // starts z
            long version = feed.bump();
            desired.awaitPasses();
            assertThat(a.getResult()).isEqualTo(new Answer(version, "xyz"));
        } finally {
            desired.shutdown();
        }
    }

    @Test
    void pollsAnsweredAtEveryChangeCannotHoldAnswersBack() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new LongPolls<String, String, Answer>("test", feed, keys -> Map.of(), Answer::new,
                        IllegalArgumentException::new, true, true,
                        new LongPolls.Hold<>(Duration.ofSeconds(1), (held, now) -> true)));
    }

    /** Desired-state-like polls whose answers may wait {@code most} when they only drop letters from the end. */
    private LongPolls<String, String, Answer> holding(Duration most) {
        return polls(false, false, new LongPolls.Hold<>(most,
                (held, now) -> now.length() < held.length() && held.startsWith(now)));
    }

    /** What the servlet container does when a poll's wait has passed. */
    private static void timeOut(DeferredResult<Answer> result) throws Exception {
        lifecycle(result).handleTimeout(null, result);
    }

    /** What the servlet container does once a poll's answer is written and its request completes. */
    private static void completed(DeferredResult<Answer> result) throws Exception {
        lifecycle(result).afterCompletion(null, result);
    }

    private static org.springframework.web.context.request.async.DeferredResultProcessingInterceptor lifecycle(
            DeferredResult<Answer> result) throws Exception {
        java.lang.reflect.Method interceptor = DeferredResult.class.getDeclaredMethod("getLifecycleInterceptor");
        interceptor.setAccessible(true);
        return (org.springframework.web.context.request.async.DeferredResultProcessingInterceptor)
                interceptor.invoke(result);
    }

    /** A poll of {@code key} that holds {@code answer}, the current one: it waits. */
    private DeferredResult<Answer> waiting(String key, String answer) {
        return waiting(polls, key, answer);
    }

    private DeferredResult<Answer> waiting(LongPolls<String, String, Answer> polls, String key, String answer) {
        answers.put(key, answer);
        Object first = polls.poll(key, -1, WAIT).getResult();
        assertThat(first).isEqualTo(new Answer(feed.version(), answer));
        DeferredResult<Answer> poll = polls.poll(key, feed.version(), WAIT);
        assertThat(poll.hasResult()).isFalse();
        return poll;
    }

    private LongPolls<String, String, Answer> polls(boolean everyChange) {
        return polls(everyChange, true);
    }

    private LongPolls<String, String, Answer> polls(boolean everyChange, boolean observedMatters) {
        return polls(everyChange, observedMatters, LongPolls.Hold.none());
    }

    private LongPolls<String, String, Answer> polls(boolean everyChange, boolean observedMatters,
                                                    LongPolls.Hold<String> hold) {
        return new LongPolls<>("test", feed, keys -> {
            if (readsFail) {
                throw new IllegalStateException("the database is away");
            }
            reads.add(Set.copyOf(keys));
            Map<String, String> now = new HashMap<>();
            keys.forEach(key -> {
                if (answers.containsKey(key)) {
                    now.put(key, answers.get(key));
                }
            });
            return now;
        }, Answer::new, key -> new IllegalArgumentException(key + " is gone"), everyChange, observedMatters, hold);
    }
}
