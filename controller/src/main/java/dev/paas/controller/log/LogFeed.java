package dev.paas.controller.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes the live followers of the apps whose lines were stored, and only those; they then read what is new from
 * the database. A follower waits as a one-shot callback, not a thread (see {@link LogFollower}). On shutdown it wakes
 * every waiting follower at once, so a graceful shutdown does not wait out their long polls (it stops before the web
 * server, which waits for open requests).
 */
@Component
class LogFeed implements SmartLifecycle {

    private long version;
    private boolean running;
    // one-shot wake-ups by app; guarded by this
    private final Map<String, List<Runnable>> waiting = new HashMap<>();
    private volatile Consumer<Set<String>> relay = apps -> { };

    /** Counts the appends (for tests). */
    synchronized long version() {
        return version;
    }

    /** Lines of these apps were stored here: wakes their followers, and tells the other controllers ({@link LogFeedRelay}). */
    void appended(Set<String> apps) {
        wake(apps);
        relay.accept(apps);
    }

    void relayTo(Consumer<Set<String>> relay) {
        this.relay = relay;
    }

    /** Lines of these apps were stored (here or by another controller): runs (and forgets) their followers' wake-ups. */
    void wake(Set<String> apps) {
        List<Runnable> wake = new ArrayList<>();
        synchronized (this) {
            version++;
            apps.forEach(app -> {
                List<Runnable> ofApp = waiting.remove(app);
                if (ofApp != null) {
                    wake.addAll(ofApp);
                }
            });
        }
        wake.forEach(Runnable::run);
    }

    /**
     * Runs {@code wake} once, when lines of {@code app} are stored next or the controller stops (at once if it is
     * stopping). {@link #cancel} forgets it.
     */
    void onNextLines(String app, Runnable wake) {
        synchronized (this) {
            if (running) {
                waiting.computeIfAbsent(app, a -> new ArrayList<>()).add(wake);
                return;
            }
        }
        wake.run();
    }

    synchronized void cancel(String app, Runnable wake) {
        List<Runnable> ofApp = waiting.get(app);
        if (ofApp != null && ofApp.remove(wake) && ofApp.isEmpty()) {
            waiting.remove(app);
        }
    }

    /** How many followers wait (for tests). */
    synchronized int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    synchronized boolean stopping() {
        return !running;
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public void stop() {
        List<Runnable> wake = new ArrayList<>();
        synchronized (this) {
            running = false;
            waiting.values().forEach(wake::addAll);
            waiting.clear();
        }
        wake.forEach(Runnable::run);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
