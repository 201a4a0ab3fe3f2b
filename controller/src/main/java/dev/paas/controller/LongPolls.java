package dev.paas.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long polls over the {@link ChangeFeed} that hold no thread while they wait: each is a {@link DeferredResult}
 * parked under its key (a node's name, a router's formation) together with the answer its poller already has.
 * After a change, one pass on one thread computes the current answers of all waiting keys in one batch
 * ({@code answers}) and completes only the waiters whose answer differs; the others keep waiting, and are not
 * answered again until their own answer changes or their wait ends. Passes coalesce: changes made during a pass
 * bring one more pass, not one each.
 *
 * <p>The poller's {@code since} is the feed version of the answer it holds. The answer given at each version is
 * remembered per key ({@link Known}); a poll whose {@code since} is not the remembered one (a poller that just
 * started, a controller that restarted) is answered at once, as before. A timed-out wait is answered with the
 * answer it holds when the feed has not moved since that answer was found current, and otherwise with the current
 * answer, computed then on the container's thread.
 *
 * <p>Polls whose answers do not follow observed state ({@code observedMatters} false: the nodes' desired state) look
 * at {@link ChangeFeed#bumpObserved} changes without reading: a waiter whose answer was found current at or after
 * the feed's last other change ({@link ChangeFeed.Versions#planned}) still holds the current answer. A rollout's
 * burst of reports then costs the passes nothing, and a wait that ends after it answers without a read.
 *
 * <p>An answer that may wait ({@link Hold}: for the nodes, one that only stops containers) is held back for a moment
 * before it is given, and given sooner, with more in it, when a change that moves more comes meanwhile. Two changes
 * back to back (a rollout's end stopping the old release's containers on every node, then the next config:set
 * starting a new one on every node) then reach the pollers as one answer each, not as two fan-outs, the second
 * fighting the first one's answers and reports for the cores. A held answer found still current at its time is
 * given without a read.
 *
 * @param <K> what a poll waits on
 * @param <A> its answer (compared with {@code equals})
 * @param <R> what the endpoint returns: the answer with its version
 */
public final class LongPolls<K, A, R> implements ChangeFeed.Listener {

    private static final Logger log = LoggerFactory.getLogger(LongPolls.class);

    /** A key's polls beyond this many complete the oldest at once: a poller churns itself, never the others. */
    static final int MAX_WAITERS_PER_KEY = 4;

    private final String name;
    private final ChangeFeed feed;
    private final Function<Set<K>, Map<K, A>> answers;
    private final BiFunction<Long, A, R> render;
    private final Function<K, RuntimeException> gone;
    private final boolean everyChange;
    private final boolean observedMatters;
    private final Hold<A> hold;
    private final Map<K, Known<A>> known = new ConcurrentHashMap<>();
    // waiters by key; guarded by itself
    private final Map<K, List<Waiter>> waiting = new HashMap<>();
    private final ScheduledExecutorService passes;
    private final AtomicBoolean passDue = new AtomicBoolean();
    /** Answers a pass gave whose requests have not completed yet (written out in their async dispatch). */
    private final java.util.concurrent.atomic.AtomicInteger unwritten = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;

    /**
     * @param answers the current answer of each key asked for (in one query, ideally); a key left out no longer
     *                exists, and its polls end with the error {@code gone} makes (a 404, say)
     */
    public LongPolls(String name, ChangeFeed feed, Function<Set<K>, Map<K, A>> answers, BiFunction<Long, A, R> render,
                     Function<K, RuntimeException> gone) {
        this(name, feed, answers, render, gone, false, true);
    }

    /**
     * @param everyChange answer every waiter at every change of the feed, as the one version it holds is no longer
     *                    the feed's, even when its answer stayed the same: for pollers whose acknowledgment of each
     *                    version something waits for (the routers: see RouterAcks). Their answers are still read
     *                    once per change for all of them.
     */
    public LongPolls(String name, ChangeFeed feed, Function<Set<K>, Map<K, A>> answers, BiFunction<Long, A, R> render,
                     Function<K, RuntimeException> gone, boolean everyChange) {
        this(name, feed, answers, render, gone, everyChange, true, Hold.none());
    }

    /**
     * @param observedMatters whether an answer may change with observed state alone ({@link ChangeFeed#bumpObserved});
     *                        false lets such changes through without a read
     */
    public LongPolls(String name, ChangeFeed feed, Function<Set<K>, Map<K, A>> answers, BiFunction<Long, A, R> render,
                     Function<K, RuntimeException> gone, boolean everyChange, boolean observedMatters) {
        this(name, feed, answers, render, gone, everyChange, observedMatters, Hold.none());
    }

    /** @param hold which answers may wait, and how long at most (not for {@code everyChange} polls) */
    public LongPolls(String name, ChangeFeed feed, Function<Set<K>, Map<K, A>> answers, BiFunction<Long, A, R> render,
                     Function<K, RuntimeException> gone, boolean everyChange, boolean observedMatters, Hold<A> hold) {
        if (everyChange && !hold.most().isZero()) {
            throw new IllegalArgumentException("polls answered at every change cannot hold answers back");
        }
        this.hold = hold;
        this.everyChange = everyChange;
        this.observedMatters = observedMatters;
        this.name = name;
        this.gone = gone;
        this.feed = feed;
        this.answers = answers;
        this.render = render;
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-polls-");
        threads.setDaemon(true);
        this.passes = Executors.newSingleThreadScheduledExecutor(threads);
        feed.listen(this);
    }

    /**
     * Which answers may be held back, and for how long at most.
     *
     * @param mayWait given the answer a poller holds and its new one, whether the new one may wait
     */
    public record Hold<A>(Duration most, BiPredicate<A, A> mayWait) {
        public static <A> Hold<A> none() {
            return new Hold<>(Duration.ZERO, (held, now) -> false);
        }

        boolean applies(A held, A now) {
            return !most.isZero() && mayWait.test(held, now);
        }
    }

    /** An answer held back at {@code planned} (the feed's {@link ChangeFeed.Versions#planned}), due at {@code due}. */
    private record Held<A>(A answer, long planned, long due) {
    }

    /** What the answer of a key was at a version; {@code answer} null when two different ones were given at it. */
    private record Known<A>(long version, A answer) {
        Known<A> merge(Known<A> newer) {
            if (newer.version != version) {
                return newer.version > version ? newer : this;
            }
            return Objects.equals(answer, newer.answer) ? this : new Known<>(version, null);
        }
    }

    /**
     * Answers now when the poller is behind (or {@code wait} is zero), or else when the key's answer changes or
     * {@code wait} has passed.
     *
     * @throws RuntimeException what {@code answers} throws, or {@code gone}'s error, for an answer given at once
     */
    public DeferredResult<R> poll(K key, long since, Duration wait) {
        DeferredResult<R> result = new DeferredResult<>(Math.max(1, wait.toMillis()));
        Known<A> last = everyChange ? new Known<>(since, null) : known.get(key);
        boolean behind = everyChange ? feed.version() != since
                : last == null || last.version() != since || last.answer() == null;
        if (wait.isZero() || closing || behind) {
            long version = feed.version();
            result.setResult(answered(key, version, answerOf(key)));
            return result;
        }
        Waiter waiter = new Waiter(key, result, since, last.answer());
        result.onTimeout(waiter::answerNow);
        result.onCompletion(() -> {
            forget(waiter);
            waiter.written();
        });
        result.onError(error -> forget(waiter));
        park(waiter);
        // A change between the answer and this poll found no waiter to look at: look now.
        if (feed.version() != since || closing) {
            requestPass();
        }
        return result;
    }

    /**
     * How many answers a pass gave that are not written out yet: each is an async dispatch still to run on one of the
     * web server's threads. Work that can wait (node reports: see node.ReportGate) gives way while there are some,
     * so a change reaches a thousand nodes before their reports of it take the cores.
     */
    public int answering() {
        return unwritten.get();
    }

    /** How many polls wait (for tests and logs). */
    public int waiting() {
        synchronized (waiting) {
            return waiting.values().stream().mapToInt(List::size).sum();
        }
    }

    @Override
    public void changed(long version) {
        requestPass();
    }

    @Override
    public void closing() {
        closing = true;
        requestPass();
    }

    /** Returns once the passes asked for so far ran (for tests: then who was answered is settled). */
    void awaitPasses() throws Exception {
        passes.submit(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Stops the pass thread; waiting polls end with their timeout. */
    public void shutdown() {
        passes.shutdownNow();
    }

    /**
     * Whether an answer found current at version {@code seen} still is at {@code versions}: only observed state
     * changed since, and this kind of answer does not follow it.
     */
    private boolean stillCurrent(long seen, ChangeFeed.Versions versions) {
        return !everyChange && !observedMatters && versions.planned() <= seen;
    }

    private A answerOf(K key) {
        A answer = answers.apply(Set.of(key)).get(key);
        if (answer == null) {
            throw gone.apply(key);
        }
        return answer;
    }

    private R answered(K key, long version, A answer) {
        if (everyChange) {
            return render.apply(version, answer);
        }
        known.merge(key, new Known<>(version, answer), Known::merge);
        return render.apply(version, answer);
    }

    private void park(Waiter waiter) {
        Waiter oldest = null;
        synchronized (waiting) {
            List<Waiter> ofKey = waiting.computeIfAbsent(waiter.key, k -> new ArrayList<>());
            if (ofKey.size() >= MAX_WAITERS_PER_KEY) {
                oldest = ofKey.remove(0);
            }
            ofKey.add(waiter);
        }
        if (oldest != null) {
            oldest.release();
        }
    }

    private void forget(Waiter waiter) {
        synchronized (waiting) {
            List<Waiter> ofKey = waiting.get(waiter.key);
            if (ofKey != null && ofKey.remove(waiter) && ofKey.isEmpty()) {
                waiting.remove(waiter.key);
            }
        }
    }

    private void requestPass() {
        if (!passDue.getAndSet(true)) {
            try {
                passes.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                passDue.set(false); // shut down: the waiters' timeouts answer them
            }
        }
    }

    private void pass() {
        passDue.set(false);
        long began = System.nanoTime();
        ChangeFeed.Versions versions = feed.versions();
        long version = versions.version();
        List<Waiter> stale = new ArrayList<>();
        List<Waiter> due = new ArrayList<>();
        int current = 0;
        synchronized (waiting) {
            for (List<Waiter> ofKey : waiting.values()) {
                for (Waiter w : ofKey) {
                    Held<A> held = w.held;
                    if (closing) {
                        stale.add(w);
                    } else if (held != null && held.planned() == versions.planned()) {
                        // nothing planned since it was held: still its answer, given once its time has come
                        if (began - held.due() >= 0) {
                            due.add(w);
                        }
                    } else if (w.seen != version && stillCurrent(w.seen, versions)) {
                        w.seen = version;
                        current++;
                    } else if (w.seen != version) {
                        stale.add(w);
                    }
                }
            }
        }
        int woken = 0;
        for (Waiter waiter : due) {
            woken += waiter.completeByPass(version, waiter.held.answer()) ? 1 : 0;
        }
        if (stale.isEmpty()) {
            log.debug("{} long polls v{}: {} waiting still current, {} held answers given, nothing read", name,
                    version, current, woken);
            return;
        }
        if (closing) {
            // The answers they hold: a stopping controller reads nothing more, and its pollers come back.
            stale.forEach(Waiter::release);
            return;
        }
        Set<K> keys = new LinkedHashSet<>();
        stale.forEach(w -> keys.add(w.key));
        Map<K, A> now;
        long reading = System.nanoTime();
        try {
            now = answers.apply(keys);
        } catch (RuntimeException e) {
            // The next change looks again; meanwhile each wait ends at its timeout, which reads on its own.
            log.warn("{} long polls: reading {} answers failed: {}", name, keys.size(), e.toString());
            return;
        }
        long read = System.nanoTime();
        int held = 0;
        boolean firstHeld = false;
        for (Waiter waiter : stale) {
            A answer = now.get(waiter.key);
            if (answer == null) {
                waiter.gone();
            } else if (everyChange || !answer.equals(waiter.answer)) {
                if (hold.applies(waiter.answer, answer)) {
                    // held since its first hold (whose pass then is already asked for): changes that only stop more
                    // do not push it further
                    long dueAt = waiter.held != null ? waiter.held.due() : began + hold.most().toNanos();
                    firstHeld |= waiter.held == null;
                    waiter.held = new Held<>(answer, versions.planned(), dueAt);
                    if (read - dueAt < 0) {
                        held++;
                        continue;
                    }
                }
                woken += waiter.completeByPass(version, answer) ? 1 : 0;
            } else {
                waiter.held = null;
                waiter.seen = version;
            }
        }
        if (firstHeld) {
            passAfter(hold.most());
        }
        log.debug("{} long polls v{}: {} waiting looked at, {} answered, {} held back, in {} ms (read in {} ms)", name,
                version, stale.size(), woken, held, (System.nanoTime() - began) / 1_000_000, (read - reading) / 1_000_000);
    }

    /** Asks for a pass once {@code delay} has passed: then the answers held in this pass are due. */
    private void passAfter(Duration delay) {
        try {
            passes.schedule(this::requestPass, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down: the waiters' timeouts answer them
        }
    }

    /** One parked poll: its key, and the answer its poller holds (as of version {@code seen}). */
    private final class Waiter {
        final K key;
        final DeferredResult<R> result;
        final long since;
        final A answer;
        final AtomicBoolean done = new AtomicBoolean();
        /** Counted in {@link #unwritten} until its request completes. */
        final AtomicBoolean counted = new AtomicBoolean();
        volatile long seen;
        /** Its new answer, held back for a moment (see {@link Hold}); written on the pass thread. */
        volatile Held<A> held;

        Waiter(K key, DeferredResult<R> result, long since, A answer) {
            this.key = key;
            this.result = result;
            this.since = since;
            this.answer = answer;
            this.seen = since;
        }

        boolean complete(long version, A value) {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            forget(this);
            return result.setResult(answered(key, version, value));
        }

        /** As {@link #complete}, counted as being written until its request completes. */
        boolean completeByPass(long version, A value) {
            // counted before the result is set: its request may complete on another thread before setResult returns
            counted.set(true);
            unwritten.incrementAndGet();
            boolean given = complete(version, value);
            if (!given) {
                written();
            }
            return given;
        }

        void written() {
            if (counted.compareAndSet(true, false)) {
                unwritten.decrementAndGet();
            }
        }

        /** Ends the wait with the answer the poller holds, or (when that is not known) the current one. */
        void release() {
            if (answer != null) {
                complete(since, answer);
            } else {
                answerNow();
            }
        }

        void gone() {
            if (done.compareAndSet(false, true)) {
                forget(this);
                result.setErrorResult(gone.apply(key));
            }
        }

        /** At the end of the wait: the current answer, read on the container's thread that runs the timeout. */
        void answerNow() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            forget(this);
            try {
                ChangeFeed.Versions versions = feed.versions();
                long version = versions.version();
                Held<A> heldBack = held;
                if (heldBack != null && heldBack.planned() == versions.planned()) {
                    result.setResult(answered(key, version, heldBack.answer()));
                    return;
                }
                if (!everyChange && answer != null && (version == seen || stillCurrent(seen, versions))) {
                    // No change since its answer was last found current (by a pass, or when it was given), or only
                    // observed state that it does not follow: it still is, and a thousand nodes' waits ending every
                    // 25 s read nothing.
                    result.setResult(answered(key, version, answer));
                    return;
                }
                result.setResult(answered(key, version, answerOf(key)));
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        }
    }
}
