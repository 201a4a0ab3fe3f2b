package dev.paas.agent;

import dev.paas.agent.apply.Applier;
import dev.paas.agent.controller.ControllerClient;
import dev.paas.agent.controller.ControllerException;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.agent.observe.Observation;
import dev.paas.agent.observe.Observer;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.CrashBackoff;
import dev.paas.agent.reconcile.Reconciler;
import dev.paas.api.DesiredContainer;
import dev.paas.api.DesiredState;
import dev.paas.api.NodeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Register, then forever: wait for the desired state to change (or for the next step to be due), observe Docker,
 * converge, report. Every failure is logged and retried with back-off; the loop only ends when interrupted.
 * Until the first desired state arrives nothing is touched, so an agent restarted while the controller is down
 * keeps its containers running.
 */
public final class AgentLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

    /** How soon a registration the controller deferred (423) is tried again. */
    private static final Duration REGISTRATION_RETRY = Duration.ofSeconds(1);

    private final NodeRegistration registration;
    private final ControllerClient controller;
    private final Observer observer;
    private final Applier applier;
    private final Reporter reporter;
    private final Timing timing;
    private final CrashBackoff crashes = new CrashBackoff();
    /** Removes destroyed add-ons' volumes and networks (set by the agent's wiring; tests leave it idle). */
    private java.util.function.Consumer<List<String>> discards = names -> { };

    private boolean registered;
    private volatile boolean refused;
    private DesiredState desired;
    private CompletableFuture<DesiredState> poll;
    /** Nothing starting and nothing just done: wait up to {@code slowStep} for a change instead of stepping quickly. */
    private boolean settled;
    /** While busy, how long to wait for a change before the next step: fastStep after any change, then doubling. */
    private Duration busyPause;
    /** What the last step saw: its starting containers are probed between steps. */
    private List<Observation> lastSeen = List.of();
    /** Set when the wait ended because starting ports opened: what the next step reports, without a listing. */
    private List<Observation> probed;

    public AgentLoop(NodeRegistration registration, ControllerClient controller, Observer observer, Applier applier,
                     Timing timing) {
        this.registration = registration;
        this.controller = controller;
        this.observer = observer;
        this.applier = applier;
        this.timing = timing;
        this.reporter = new Reporter(controller, observer, timing.heartbeat());
        this.busyPause = timing.fastStep();
    }

    /** What to do with the names of destroyed add-ons after each step ({@code AddonDiscards}). */
    public AgentLoop discarding(java.util.function.Consumer<List<String>> discards) {
        this.discards = discards;
        return this;
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(timing.firstBackoff(), timing.maxBackoff());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!registered || controller.mustRegisterAgain()) {
                    register();
                }
                if (step() == 0) {
                    backoff.reset();
                } else {
                    Thread.sleep(backoff.next().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (e instanceof ControllerException c && c.credentialRefused()) {
                    // Replaced by another registration of this node, or its join token was revoked: registering
                    // again with the token tells which (a revoked token is refused there, and the loop stops).
                    log.warn("The controller refused this node's credential ({}): registering again", c.getMessage());
                    registered = false;
                    continue;
                }
                if (e instanceof ControllerException c && (c.status() == 401 || !registered && refusesRegistration(c))) {
                    // A wrong or revoked token, a taken name or a bad option stays so: say so and stop rather than
                    // retry forever.
                    log.error("The controller refused this node: {}", c.getMessage());
                    refused = true;
                    break;
                }
                if (e instanceof ControllerException c && c.registrationDeferred()) {
                    // The controller still heard from this node moments ago (this agent, before it restarted): it
                    // takes the registration once the node has been silent for a few seconds. Retrying every second,
                    // not with the growing back-off, keeps the node well within the time before its containers move.
                    log.info("{}; retrying in 1s", c.getMessage());
                    pause(REGISTRATION_RETRY);
                    continue;
                }
                if (e instanceof ControllerException c && c.unknownNode()) {
                    registered = false;
                }
                Duration delay = backoff.next();
                log.warn("{}; retrying in {}s", e.getMessage() == null ? e.toString() : e.getMessage(),
                        String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0));
                pause(delay);
            }
        }
        reporter.stopHeartbeat();
        if (poll != null) {
            poll.cancel(true);
        }
    }

    /** 400 (a bad name or option), 403 (not this token's node) or 409 (the name is taken elsewhere). */
    private static boolean refusesRegistration(ControllerException e) {
        return e.status() == 400 || e.status() == 403 || e.status() == 409;
    }

    /** True once the loop ended because the controller refused the node's token or its registration. */
    public boolean refused() {
        return refused;
    }

    private void register() {
        controller.register(registration);
        registered = true;
        reporter.forget();
        log.info("registered node {} at {} with the controller{}", registration.name(), registration.address(),
                controller.hasCredential() ? ": presenting its own node credential from now on" : "");
        reporter.startHeartbeat();
    }

    /** One round; returns how many actions failed. */
    int step() throws InterruptedException {
        awaitDesired();
        if (probed != null) {
            // A port that just opened is reported at once from the probes, without listing Docker (a listing
            // takes long enough to hold up the next ports' reports). Nothing is planned from them: they only
            // update the last listing, in which a container that crashed since still looks alive. The next
            // step, a fastStep later, lists Docker and plans.
            lastSeen = probed;
            probed = null;
            reporter.reportChanges(lastSeen);
            busyPause = timing.fastStep();
            return 0;
        }
        long began = System.nanoTime();
        List<Observation> seen = observer.observe();
        long observedAt = System.nanoTime();
        int failures = 0;
        boolean acted = false;
        if (desired != null) {
            List<DesiredContainer> wanted = desired.containers() == null ? List.of() : desired.containers();
            List<Action> plan = crashes.admit(Reconciler.plan(wanted, containers(seen)), Instant.now());
            if (!plan.isEmpty()) {
                long applying = System.nanoTime();
                failures = applier.apply(plan, containers(seen));
                long applied = System.nanoTime();
                seen = observer.observe();
                acted = true;
                log.debug("applied {} actions in {} ms, observed again in {} ms", plan.size(),
                        millis(applying, applied), millis(applied, System.nanoTime()));
            }
            discards.accept(desired.discarded());
            crashes.observe(names(seen.stream().filter(Observation::up).toList()),
                    wanted.stream().map(DesiredContainer::name).collect(Collectors.toSet()), Instant.now());
        }
        lastSeen = seen;
        long reporting = System.nanoTime();
        boolean reported = reporter.reportChanges(seen);
        boolean changed = reported || acted;
        if (log.isDebugEnabled()) {
            log.debug("step: observed {} ({} up, {} starting) in {} ms; {} in {} ms", seen.size(),
                    seen.stream().filter(Observation::up).count(), seen.stream().filter(Observation::starting).count(),
                    millis(began, observedAt), reported ? "reported" : "nothing to report",
                    millis(reporting, System.nanoTime()));
        }
        settled = desired != null && !acted && seen.stream().noneMatch(Observation::starting);
        // Full steps (a Docker listing each) come less and less often while nothing changes, down to every
        // 8 x fastStep; between them the starting containers' ports are still probed every Timing.probe().
        busyPause = changed ? timing.fastStep() : min(busyPause.multipliedBy(2), timing.fastStep().multipliedBy(8));
        return failures;
    }

    /**
     * Keeps one long poll open at all times, so a change of the desired state is acted on the moment it is made.
     * Settled: come back after {@code slowStep} at the latest to look at Docker. Busy (containers starting):
     * come back after {@link #busyPause}, or as soon as a starting container's port accepts connections. An
     * answer whose containers equal the current ones (only the version moved: another node's report, a router's
     * acknowledgement) is no reason to step: the wait goes on with a new poll.
     */
    private void awaitDesired() throws InterruptedException {
        probed = null;
        long until = System.nanoTime() + (settled ? timing.slowStep() : busyPause).toNanos();
        while (true) {
            if (poll == null) {
                poll = controller.desired(desired == null ? 0 : desired.version(), timing.longPollSeconds());
                if (log.isDebugEnabled()) {
                    poll.thenAccept(d -> log.debug("poll answered v{}", d.version()));
                }
            }
            DesiredState next;
            try {
                next = settled ? awaitSettled(until) : awaitWhileBusy(until);
                if (next == null) {
                    return;
                }
            } catch (ExecutionException e) {
                poll = null;
                throw e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException("controller is unreachable: " + e.getCause(), e.getCause());
            }
            poll = null;
            boolean same = desired != null && Objects.equals(next.containers(), desired.containers())
                    && Objects.equals(next.discarded(), desired.discarded());
            desired = next;
            if (!same) {
                log.info("desired state v{}: {} containers", next.version(),
                        next.containers() == null ? 0 : next.containers().size());
                observer.expect(next.containers() == null ? List.of() : next.containers());
                return;
            }
        }
    }

    /** The poll's answer, or null once {@code until} (System.nanoTime) has passed. */
    private DesiredState awaitSettled(long until) throws InterruptedException, ExecutionException {
        long left = until - System.nanoTime();
        if (left <= 0) {
            return null;
        }
        try {
            return poll.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    /**
     * Waits until {@code until} for the desired state; every {@link Timing#probe()} meanwhile, probes the ports of the
     * containers the last step saw starting (a TCP connect each, far cheaper than a Docker listing). Null when
     * the time is up or a port began to accept (then {@link #probed} holds what the next step reports).
     */
    private DesiredState awaitWhileBusy(long until) throws InterruptedException, ExecutionException {
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                return poll.get(Math.min(left, timing.probe().toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                List<Observation> now = observer.nowAccepting(lastSeen);
                if (now != null) {
                    log.debug("a starting container accepts connections");
                    probed = now;
                    return null;
                }
            }
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static List<NodeContainer> containers(List<Observation> seen) {
        return seen.stream().map(Observation::container).toList();
    }

    private static Set<String> names(List<Observation> seen) {
        return seen.stream().map(o -> o.container().name()).collect(Collectors.toSet());
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
