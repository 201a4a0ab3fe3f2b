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

    private final NodeRegistration registration;
    private final ControllerClient controller;
    private final Observer observer;
    private final Applier applier;
    private final Reporter reporter;
    private final Timing timing;
    private final CrashBackoff crashes = new CrashBackoff();

    private boolean registered;
    private volatile boolean refused;
    private DesiredState desired;
    private CompletableFuture<DesiredState> poll;
    private int pollWait;
    /** Nothing starting and nothing just done: long-poll instead of polling quickly. */
    private boolean settled;

    public AgentLoop(NodeRegistration registration, ControllerClient controller, Observer observer, Applier applier,
                     Timing timing) {
        this.registration = registration;
        this.controller = controller;
        this.observer = observer;
        this.applier = applier;
        this.timing = timing;
        this.reporter = new Reporter(controller, observer, timing.heartbeat());
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(timing.firstBackoff(), timing.maxBackoff());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!registered) {
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
                if (e instanceof ControllerException c && c.status() == 401) {
                    // A wrong or revoked token stays so: say so and stop rather than retry forever.
                    log.error("The controller refused this node: {}", c.getMessage());
                    refused = true;
                    break;
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

    /** True once the loop ended because the controller refused the node's token. */
    public boolean refused() {
        return refused;
    }

    private void register() {
        controller.register(registration);
        registered = true;
        log.info("registered node {} at {} with the controller", registration.name(), registration.address());
        reporter.startHeartbeat();
    }

    /** One round; returns how many actions failed. */
    int step() throws InterruptedException {
        awaitDesired();
        List<Observation> seen = observer.observe();
        int failures = 0;
        boolean acted = false;
        if (desired != null) {
            List<DesiredContainer> wanted = desired.containers() == null ? List.of() : desired.containers();
            List<Action> plan = crashes.admit(Reconciler.plan(wanted, containers(seen)), Instant.now());
            if (!plan.isEmpty()) {
                failures = applier.apply(plan, containers(seen));
                seen = observer.observe();
                acted = true;
            }
            crashes.observe(names(seen.stream().filter(Observation::up).toList()),
                    wanted.stream().map(DesiredContainer::name).collect(Collectors.toSet()), Instant.now());
        }
        reporter.report(seen);
        settled = desired != null && !acted && seen.stream().noneMatch(Observation::starting);
        return failures;
    }

    /**
     * Settled: hold a long poll open, but come back after {@code slowStep} to look at Docker and heartbeat.
     * Busy: pause briefly, then ask without waiting, so new containers are reported up promptly.
     */
    private void awaitDesired() throws InterruptedException {
        if (!settled) {
            Thread.sleep(timing.fastStep().toMillis());
        }
        if (poll == null) {
            pollWait = settled ? timing.longPollSeconds() : 0;
            poll = controller.desired(desired == null ? 0 : desired.version(), pollWait);
        }
        if (!settled && pollWait > 0 && !poll.isDone()) {
            return;
        }
        DesiredState next;
        try {
            // Unbounded when busy is fine: the request itself times out (ControllerClient).
            next = settled ? poll.get(timing.slowStep().toMillis(), TimeUnit.MILLISECONDS) : poll.get();
        } catch (TimeoutException e) {
            return;
        } catch (ExecutionException e) {
            poll = null;
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("controller is unreachable: " + e.getCause(), e.getCause());
        }
        poll = null;
        if (desired == null || next.version() != desired.version()) {
            log.info("desired state v{}: {} containers", next.version(),
                    next.containers() == null ? 0 : next.containers().size());
        }
        desired = next;
        observer.expect(next.containers() == null ? List.of() : next.containers());
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
