package dev.paas.controller.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paas.api.ScaleResult;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Placement;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes process counts of an app's current release and waits until the new containers are up. All new
 * containers are placed in one transaction, so node-agents see them in one desired-state change and start
 * them in parallel.
 */
@Service
public class ScaleService {

    private static final Logger log = LoggerFactory.getLogger(ScaleService.class);

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final Scheduler scheduler;
    private final ChangeFeed feed;
    private final PlatformEvents events;
    private final TransactionTemplate tx;
    private final Duration wait;

    ScaleService(AppRepository apps, ReleaseRepository releases, ContainerRepository containers, Scheduler scheduler,
                 ChangeFeed feed, PlatformEvents events, TransactionTemplate tx, PaasProperties properties) {
        this.apps = apps;
        this.releases = releases;
        this.containers = containers;
        this.scheduler = scheduler;
        this.feed = feed;
        this.events = events;
        this.tx = tx;
        this.wait = properties.deployTimeout();
    }

    private record Placed(List<ScaleResult.Change> changes, List<Long> added) {
    }

    /** @param by who asked, for the app's log */
    public ScaleResult scale(App app, Map<String, Integer> counts, String by) throws InterruptedException {
        long started = System.nanoTime();
        Placed placed = tx.execute(status -> place(app.getId(), counts));
        log.debug("{}: placed {} containers in {} ms", app.getName(), placed.added().size(),
                (System.nanoTime() - started) / 1_000_000);
        feed.bump();
        events.emit(app.getName(), "api", null, "Scaled " + String.join(", ", placed.changes().stream()
                .map(c -> c.processType() + "=" + c.to() + " (was " + c.from() + ")").toList()) + " by " + by);
        long placedAt = System.nanoTime();
        long deadline = placedAt + wait.toNanos();
        long version = feed.version();
        while (true) {
            List<Container> waiting = containers.findAllById(placed.added()).stream().filter(c -> !c.isUp()).toList();
            if (waiting.isEmpty()) {
                log.info("Scaled {} ({}): placed {} containers in {} ms, all up {} ms later", app.getName(),
                        placed.changes().stream().map(c -> c.processType() + " " + c.from() + " -> " + c.to()).toList(),
                        placed.added().size(), (placedAt - started) / 1_000_000, (System.nanoTime() - placedAt) / 1_000_000);
                return new ScaleResult(placed.changes(), true, null);
            }
            if (System.nanoTime() > deadline) {
                return new ScaleResult(placed.changes(), false, "not up after " + wait.toSeconds() + "s: "
                        + String.join(", ", waiting.stream().map(c -> c.getProcessType() + "." + c.getIndex()
                        + " " + c.getObservedState()).toList()));
            }
            log.debug("{}: {} of {} new containers not up yet", app.getName(), waiting.size(), placed.added().size());
            version = feed.awaitChange(version, Duration.ofMillis(500));
        }
    }

    private Placed place(Long appId, Map<String, Integer> counts) {
        App app = apps.findById(appId).orElseThrow(() -> ApiException.notFound("The app was destroyed meanwhile."));
        Release current = releases.current(appId).orElseThrow(() -> ApiException.conflict(
                "App " + app.getName() + " has no release yet: deploy it with git push paas master first."));
        Set<String> types = new HashSet<>(current.getBuild().getProcessTypes().keySet());
        types.remove("release");
        String problem = ScaleLimits.problem(counts, types, app.getName());
        if (problem != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
        }
        List<ScaleResult.Change> changes = new ArrayList<>();
        counts.forEach((type, n) -> changes.add(new ScaleResult.Change(type, app.getStructure().getOrDefault(type, 0), n)));
        try {
            List<Long> added = scheduler.scale(app, current, counts).stream().map(Container::getId).toList();
            return new Placed(changes, added);
        } catch (Placement.NoCapacityException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }
}
