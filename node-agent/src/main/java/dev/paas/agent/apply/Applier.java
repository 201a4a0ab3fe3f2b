package dev.paas.agent.apply;

import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.agent.reconcile.Action;
import dev.paas.api.DesiredContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Carries out a plan in phases: removals, then host ports (sequentially, so parallel creates never collide), then
 * each distinct image once, then every create at the same time. One failed action never stops the others.
 */
public final class Applier {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private final ContainerEngine engine;
    private final PortAllocator ports;
    private final String node;
    private final String bindIp;
    private final Executor pool;
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    /**
     * Stopped and removed, but possibly still in a listing taken just before: a step that planned from such a
     * listing must not stop it again. Only ids still observed are kept.
     */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    public Applier(ContainerEngine engine, PortAllocator ports, String node, String bindIp, Executor pool) {
        this.engine = engine;
        this.ports = ports;
        this.node = node;
        this.bindIp = bindIp;
        this.pool = pool;
    }

    /** A container to start, with the port it gets and whether it replaces a dead one. */
    private record Start(DesiredContainer desired, int hostPort, boolean restart) {
    }

    /** Applies the plan; returns how many actions failed (they were logged and will be retried). */
    public int apply(List<Action> plan, List<NodeContainer> observed) {
        removed.retainAll(observed.stream().map(NodeContainer::id).toList());
        AtomicInteger failures = new AtomicInteger();
        Set<String> leaving = removeAll(plan, failures);
        List<Start> starts = place(plan, observed, leaving, failures);
        startAll(starts, failures);
        return failures.get();
    }

    /**
     * An undesired container stops in the background: its grace period must not hold up the creates of this
     * round. Its host port stays taken until it is gone, and later rounds skip it while it stops.
     */
    private void stopInBackground(Action.Remove remove) {
        String id = remove.container().id();
        if (!stopping.add(id)) {
            return;
        }
        if (removed.contains(id)) {
            // Checked after claiming it: a finished stop marks the id removed before it lets go of the claim.
            stopping.remove(id);
            return;
        }
        CompletableFuture.runAsync(() -> timed(new AtomicInteger(), "remove " + remove.name(), () -> {
            engine.remove(id);
            removed.add(id);
            return "stopped and removed " + remove.name();
        }), pool).whenComplete((done, e) -> stopping.remove(id));
    }

    /** Removes the dead containers being restarted; returns their ids. */
    private Set<String> removeAll(List<Action> plan, AtomicInteger failures) {
        Set<String> leaving = new HashSet<>();
        List<Runnable> removals = new ArrayList<>();
        for (Action action : plan) {
            if (action instanceof Action.Remove remove) {
                stopInBackground(remove);
            } else if (action instanceof Action.Restart restart) {
                leaving.add(restart.old().id());
                removals.add(() -> {
                    try {
                        engine.remove(restart.old().id());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        log.warn("could not remove exited {}: {}", restart.name(), rootMessage(e));
                    }
                });
            }
        }
        runAll(removals, failures);
        return leaving;
    }

    /** Host ports for every container to start, handed out one by one so no two starts share a port. */
    private List<Start> place(List<Action> plan, List<NodeContainer> observed, Set<String> leaving,
                              AtomicInteger failures) {
        Set<Integer> taken = new HashSet<>();
        observed.stream().filter(c -> !leaving.contains(c.id())).map(NodeContainer::hostPort)
                .filter(Objects::nonNull).forEach(taken::add);
        List<Start> starts = new ArrayList<>();
        for (Action action : plan) {
            DesiredContainer desired;
            Integer preferred = null;
            if (action instanceof Action.Create create) {
                desired = create.desired();
            } else if (action instanceof Action.Restart restart) {
                desired = restart.desired();
                preferred = restart.old().hostPort();
            } else {
                continue;
            }
            try {
                Integer own = desired.service() == null ? null : desired.service().hostPort();
                // An add-on's service is published at its own port (outside the range): its URL carries it.
                int port = own != null ? own : ports.allocate(taken, preferred);
                taken.add(port);
                starts.add(new Start(desired, port, action instanceof Action.Restart));
            } catch (IllegalStateException e) {
                failures.incrementAndGet();
                log.warn("could not place {}: {}", desired.name(), e.getMessage());
            }
        }
        return starts;
    }

    /** Each image once, then every container at the same time (six of one release do not pull six times). */
    private void startAll(List<Start> starts, AtomicInteger failures) {
        Set<String> unavailable = ConcurrentHashMap.newKeySet();
        // An add-on's image may come from the cluster registry under another name (ServiceParts.pullFrom).
        Map<String, String> pullFrom = new LinkedHashMap<>();
        starts.forEach(s -> pullFrom.putIfAbsent(s.desired().image(), s.desired().service() == null ? null
                : s.desired().service().pullFrom()));
        runAll(pullFrom.entrySet().stream()
                .<Runnable>map(e -> () -> pull(e.getKey(), e.getValue(), unavailable)).toList(), failures);
        runAll(starts.stream().<Runnable>map(s -> () -> {
            if (unavailable.contains(s.desired().image())) {
                failures.incrementAndGet();
                log.warn("could not start {}: image {} is unavailable", s.desired().name(), s.desired().image());
                return;
            }
            timed(failures, "start " + s.desired().name(), () -> {
                engine.run(ContainerSpec.of(node, s.desired(), bindIp, s.hostPort()));
                return (s.restart() ? "restarted " : "created ") + s.desired().name()
                        + " on " + bindIp + ":" + s.hostPort();
            });
        }).toList(), failures);
    }

    private void pull(String image, String from, Set<String> unavailable) {
        long started = System.nanoTime();
        try {
            if (engine.ensureImage(image, from)) {
                log.info("pulled {}{} in {}", image, from == null ? "" : " from " + from, seconds(started));
            } else {
                log.debug("image {} present (checked in {} ms)", image, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            unavailable.add(image);
            log.warn("could not pull {}: {}", image, rootMessage(e));
        }
    }

    private void runAll(List<Runnable> tasks, AtomicInteger failures) {
        CompletableFuture<?>[] futures = tasks.stream()
                .map(task -> CompletableFuture.runAsync(task, pool).exceptionally(e -> {
                    failures.incrementAndGet();
                    log.warn("unexpected failure: {}", rootMessage(e));
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(futures).join();
    }

    /** Runs one engine call and logs "what in 0.4s", or why it failed. */
    private static void timed(AtomicInteger failures, String what, Supplier<String> call) {
        long started = System.nanoTime();
        try {
            String done = call.get();
            log.info("{} in {}", done, seconds(started));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn("could not {}: {}", what, rootMessage(e));
        }
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - startedNanos) / 1e9);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.strip();
    }
}
