package dev.paas.controller.scale;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseChanges;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Placement;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code paas ps:restart TYPE}: restarts only that type's containers, with no downtime and no new release. Each
 * container gets a replacement; the original leaves the route table once its replacement is up, then stops.
 */
@Service
public class ProcessRestart {

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final Scheduler scheduler;
    private final ChangeFeed feed;
    private final ReleaseChanges changes;
    private final PlatformEvents events;
    private final TransactionTemplate tx;
    private final Duration wait;

    ProcessRestart(AppRepository apps, ReleaseRepository releases, ContainerRepository containers, Scheduler scheduler,
                   ChangeFeed feed, ReleaseChanges changes, PlatformEvents events, TransactionTemplate tx,
                   PaasProperties properties) {
        this.apps = apps;
        this.releases = releases;
        this.containers = containers;
        this.scheduler = scheduler;
        this.feed = feed;
        this.changes = changes;
        this.events = events;
        this.tx = tx;
        this.wait = properties.deployTimeout();
    }

    /**
     * Answers the current release once every original has stopped. Replacements that are not up in time are
     * removed again and the call fails: the originals never stopped serving.
     */
    public Release restart(App app, String processType, String by) throws InterruptedException {
        return changes.exclusively(app, () -> {
            long started = System.nanoTime();
            Release current = replaceAndWait(app, processType);
            events.emit(app.getName(), "api", current.getVersion(), String.format(Locale.ROOT,
                    "Restarted %s by %s in %.1fs", processType, by, (System.nanoTime() - started) / 1e9));
            return current;
        });
    }

    private Release replaceAndWait(App app, String processType) throws InterruptedException {
        List<Long> originals = tx.execute(status -> replace(app.getId(), processType));
        feed.bump();
        long deadline = System.nanoTime() + wait.toNanos();
        long version = feed.version();
        while (!containers.findAllById(originals).isEmpty()) {
            if (System.nanoTime() > deadline) {
                String stuck = tx.execute(status -> abandon(app.getId(), originals));
                feed.bump();
                throw ApiException.conflict("Restarting " + processType + " of " + app.getName() + ": not up after "
                        + wait.toSeconds() + "s: " + stuck + "; the old containers keep serving.");
            }
            version = feed.awaitChange(version, Duration.ofMillis(500));
        }
        return releases.current(app.getId()).orElseThrow();
    }

    private List<Long> replace(Long appId, String processType) {
        App app = apps.findById(appId).orElseThrow(() -> ApiException.notFound("The app was destroyed meanwhile."));
        Release current = releases.current(appId).orElseThrow(() -> ApiException.conflict(
                "App " + app.getName() + " has nothing running: deploy it first."));
        if (current.getStatus() == Release.Status.deploying) {
            throw ApiException.conflict("v" + current.getVersion() + " of " + app.getName()
                    + " is still rolling out: restart once it is live ('paas releases' shows it).");
        }
        if (!current.getBuild().getProcessTypes().containsKey(processType) || processType.equals("release")) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "No process type " + processType + " in "
                    + app.getName() + "'s current release: 'paas ps' lists them.");
        }
        try {
            List<Long> originals = scheduler.restart(app, current, processType).stream().map(Container::getId).toList();
            if (originals.isEmpty()) {
                throw ApiException.conflict("No " + processType + " containers of " + app.getName()
                        + " to restart: scale it up with 'paas scale " + processType + "=1'.");
            }
            return originals;
        } catch (Placement.NoCapacityException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Removes the replacements of the given originals that have not taken over; answers what they were doing. */
    private String abandon(Long appId, List<Long> originals) {
        List<Container> stuck = containers.findByAppIdOrderByName(appId).stream()
                .filter(c -> c.getReplacesId() != null && originals.contains(c.getReplacesId())).toList();
        containers.deleteAll(stuck);
        return String.join(", ", stuck.stream()
                .map(c -> c.getProcessType() + "." + c.getIndex() + " " + c.getObservedState()).toList());
    }
}
