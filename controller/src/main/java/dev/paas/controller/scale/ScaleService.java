package dev.paas.controller.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.paas.api.ScaleResult;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.change.ChangeWaiter;
import dev.paas.controller.change.LockedApp;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.quota.Quotas;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Changes process counts of an app's current release and waits until the new containers are up. All new
 * containers are placed in one transaction, so node-agents see them in one desired-state change and start
 * them in parallel.
 */
@Service
public class ScaleService {

    private static final Logger log = LoggerFactory.getLogger(ScaleService.class);

    private final AppChanges changes;
    private final ChangeWaiter waiter;
    private final ContainerRepository containers;
    private final Scheduler scheduler;
    private final PlatformEvents events;
    private final Duration wait;
    private final Quotas quotas;

    ScaleService(AppChanges changes, ChangeWaiter waiter, ContainerRepository containers, Scheduler scheduler,
                 PlatformEvents events, PaasProperties properties, Quotas quotas) {
        this.quotas = quotas;
        this.changes = changes;
        this.waiter = waiter;
        this.containers = containers;
        this.scheduler = scheduler;
        this.events = events;
        this.wait = properties.deployTimeout();
    }

    private record Placed(List<ScaleResult.Change> changes, List<Long> added) {
    }

    /** @param by who asked, for the app's log */
    public ScaleResult scale(App app, Map<String, Integer> counts, String by) throws InterruptedException {
        return scale(app, locked -> {
            // A type scaled by hand is no longer paused: ps:start would bring back a count nobody wants now.
            Map<String, Integer> paused = new java.util.LinkedHashMap<>(locked.app().getPaused());
            if (counts != null && paused.keySet().removeAll(counts.keySet())) {
                locked.app().setPaused(paused);
            }
            return counts;
        }, by);
    }

    /**
     * {@code paas ps:stop TYPE}: scales each type to 0 and keeps its count aside for {@link #start}. A type already
     * stopped, or with no containers, is refused.
     */
    public ScaleResult stop(App app, List<String> types, String by) throws InterruptedException {
        return scale(app, locked -> Pauses.stop(locked.app(), types), by);
    }

    /** {@code paas ps:start TYPE}: scales each type back to the count {@link #stop} kept. */
    public ScaleResult start(App app, List<String> types, String by) throws InterruptedException {
        return scale(app, locked -> Pauses.start(locked.app(), types), by);
    }

    /** @param counts decided under the app's lock, from what the change before left */
    private ScaleResult scale(App app, java.util.function.Function<LockedApp, Map<String, Integer>> counts, String by)
            throws InterruptedException {
        long started = System.nanoTime();
        Placed placed = changes.write(app.getId(), app.getName(), locked -> place(locked, counts.apply(locked), by));
        log.debug("{}: placed {} containers in {} ms", app.getName(), placed.added().size(),
                (System.nanoTime() - started) / 1_000_000);
        events.emit(app.getName(), "api", null, "Scaled " + String.join(", ", placed.changes().stream()
                .map(c -> c.processType() + "=" + c.to() + " (was " + c.from() + ")").toList()) + " by " + by);
        long placedAt = System.nanoTime();
        Optional<Boolean> allUp = waiter.await(wait, () -> {
            // counted in the database: this looks again at every report, and a scale to 1,000 nodes has 1,000
            long waiting = scheduler.countNotUp(placed.added());
            log.debug("{}: {} of {} new containers not up yet", app.getName(), waiting, placed.added().size());
            return waiting == 0 ? Optional.of(true) : Optional.empty();
        });
        if (allUp.isEmpty()) {
            List<Container> waiting = containers.findAllById(placed.added()).stream().filter(c -> !c.isUp()).toList();
            return new ScaleResult(placed.changes(), false, "not up after " + wait.toSeconds() + "s: "
                    + String.join(", ", waiting.stream().map(c -> c.getProcessType() + "." + c.getIndex()
                    + " " + c.getObservedState()).toList()));
        }
        log.info("Scaled {} ({}): placed {} containers in {} ms, all up {} ms later", app.getName(),
                placed.changes().stream().map(c -> c.processType() + " " + c.from() + " -> " + c.to()).toList(),
                placed.added().size(), (placedAt - started) / 1_000_000, (System.nanoTime() - placedAt) / 1_000_000);
        return new ScaleResult(placed.changes(), true, null);
    }

    /** A scale during a rollout applies to the release rolling out: it is the current one. */
    private Placed place(LockedApp locked, Map<String, Integer> counts, String by) {
        App app = locked.app();
        // Counted under the app's lock (its structure as the last change left it) and the owner's.
        quotas.checkScale(app, counts, by);
        Release current = locked.current().orElseThrow(() -> ApiException.conflict(
                "App " + app.getName() + " has no release yet: deploy it with git push paas master first."));
        Set<String> types = new HashSet<>(current.getBuild().getProcessTypes().keySet());
        types.remove("release");
        String problem = ScaleLimits.problem(counts, types, app.getName());
        if (problem != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
        }
        List<ScaleResult.Change> counted = new ArrayList<>();
        counts.forEach((type, n) -> counted.add(new ScaleResult.Change(type, app.getStructure().getOrDefault(type, 0), n)));
        List<Long> added = scheduler.scale(app, current, counts).stream().map(Container::getId).toList();
        return new Placed(counted, added);
    }
}
