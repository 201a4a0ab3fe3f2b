package dev.paas.agent.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory engine for tests of the loop and the applier. It passes {@link ContainerEngineContract} like the
 * Docker engine does, and it records what a test wants to check: pulls and how many runs overlapped.
 */
public final class FakeContainerEngine implements ContainerEngine {

    private int listings;

    private record Entry(String id, ContainerSpec spec, boolean running, Map<String, String> labels) {
    }

    private final Map<String, Entry> containers = new LinkedHashMap<>();
    private final Set<String> images = new HashSet<>();
    private final List<String> pulls = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxConcurrentRuns = new AtomicInteger();
    /** While set, each run waits for it: a test sees how many runs overlap, then lets them finish. */
    private volatile CountDownLatch runsMayFinish;
    private final CountDownLatch stopsMayFinish = new CountDownLatch(1);
    private volatile boolean slowStops;
    private final List<String> removals = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeContainerEngine withImage(String image) {
        images.add(image);
        return this;
    }

    /** Makes each run wait until {@link #finishRuns()} (or 30 s), so overlapping runs can be counted. */
    public FakeContainerEngine withHeldRuns() {
        this.runsMayFinish = new CountDownLatch(1);
        return this;
    }

    public void finishRuns() {
        CountDownLatch held = runsMayFinish;
        if (held != null) {
            held.countDown();
        }
    }

    /** Runs started and not yet finished. */
    public int runsInFlight() {
        return running.get();
    }

    /** How many listings were asked for. */
    public synchronized int listings() {
        return listings;
    }

    @Override
    public synchronized List<NodeContainer> list(String node) {
        listings++;
        return containers.values().stream()
                .filter(e -> "true".equals(e.labels().get(Labels.MANAGED)) && node.equals(e.labels().get(Labels.NODE)))
                .map(e -> new NodeContainer(e.id(), e.labels().get(Labels.NAME), e.running(),
                        e.running() ? "10.0.0." + e.id() : null, e.spec().port(), e.spec().hostPort()))
                .toList();
    }

    @Override
    public synchronized boolean ensureImage(String image, String pullFrom) {
        if (images.contains(image)) {
            return false;
        }
        pulls.add(pullFrom == null ? image : pullFrom);
        images.add(image);
        return true;
    }

    @Override
    public String run(ContainerSpec spec) {
        int now = running.incrementAndGet();
        maxConcurrentRuns.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch held = runsMayFinish;
            if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("run held for 30 s: the test never called finishRuns()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        synchronized (this) {
            for (Entry e : containers.values()) {
                if (e.spec().engineName().equals(spec.engineName())) {
                    throw new IllegalStateException("Conflict: name " + spec.engineName() + " is in use");
                }
                if (e.running() && e.spec().hostPort() == spec.hostPort()) {
                    throw new IllegalStateException("port " + spec.hostPort() + " is already allocated");
                }
            }
            String id = Integer.toString(ids.incrementAndGet());
            containers.put(id, new Entry(id, spec, true, spec.labels()));
            return id;
        }
    }

    /** Makes each removal wait, as a container in its grace period does, until {@link #finishStops()}. */
    public FakeContainerEngine withSlowStops() {
        this.slowStops = true;
        return this;
    }

    public void finishStops() {
        stopsMayFinish.countDown();
    }

    @Override
    public void remove(String id) {
        removals.add(id);
        if (slowStops) {
            try {
                stopsMayFinish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            containers.remove(id);
        }
    }

    /** Ids passed to {@link #remove}, one entry per call. */
    public List<String> removals() {
        return List.copyOf(removals);
    }

    /** The container's process dies, as a crashing app's would. */
    public synchronized void crash(String name) {
        containers.replaceAll((id, e) -> name.equals(e.labels().get(Labels.NAME))
                ? new Entry(e.id(), e.spec(), false, e.labels()) : e);
    }

    /** A container someone else made, with whatever labels they chose. */
    public synchronized String addForeign(ContainerSpec spec, Map<String, String> labels) {
        String id = Integer.toString(ids.incrementAndGet());
        containers.put(id, new Entry(id, spec, true, labels));
        return id;
    }

    public synchronized boolean exists(String id) {
        return containers.containsKey(id);
    }

    public synchronized List<String> pulls() {
        return List.copyOf(pulls);
    }

    public int maxConcurrentRuns() {
        return maxConcurrentRuns.get();
    }
}
