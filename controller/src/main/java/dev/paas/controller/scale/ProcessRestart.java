package dev.paas.controller.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.change.ChangeWaiter;
import dev.paas.controller.change.LockedApp;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * {@code paas ps:restart TYPE}: restarts only that type's containers, with no downtime and no new release. Each
 * container gets a replacement; the original leaves the route table once its replacement is up, then stops.
 */
@Service
public class ProcessRestart {

    private final AppChanges changes;
    private final ChangeWaiter waiter;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final Scheduler scheduler;
    private final PlatformEvents events;
    private final Duration wait;

    ProcessRestart(AppChanges changes, ChangeWaiter waiter, ReleaseRepository releases, ContainerRepository containers,
                   Scheduler scheduler, PlatformEvents events, PaasProperties properties) {
        this.changes = changes;
        this.waiter = waiter;
        this.releases = releases;
        this.containers = containers;
        this.scheduler = scheduler;
        this.events = events;
        this.wait = properties.deployTimeout();
    }

    /**
     * Answers the current release once every original has stopped. Replacements that are not up in time are
     * removed again and the call fails: the originals never stopped serving.
     */
    public Release restart(App app, String processType, String by) throws InterruptedException {
        long started = System.nanoTime();
        restartAfter(app, locked -> {
            checkType(locked, processType);
            return List.of(processType);
        }, locked -> { });
        Release current = releases.current(app.getId()).orElseThrow();
        events.emit(app.getName(), "api", current.getVersion(), String.format(Locale.ROOT,
                "Restarted %s by %s in %.1fs", processType, by, (System.nanoTime() - started) / 1e9));
        return current;
    }

    /**
     * Writes {@code change} under the app's lock, then restarts the process types it answers in the same
     * transaction (placed with the limits the change left), and waits until every original has stopped. If a
     * replacement is not up in time, the replacements are removed and {@code undo} runs under the lock, and the
     * call fails: the originals never stopped serving. A type with no container is only changed, not restarted.
     */
    public void restartAfter(App app, Function<LockedApp, List<String>> change, Consumer<LockedApp> undo)
            throws InterruptedException {
        List<Long> originals = changes.write(app.getId(), app.getName(), locked -> {
            List<String> types = change.apply(locked);
            List<Long> ids = new ArrayList<>();
            for (String type : types) {
                ids.addAll(replace(locked, type));
            }
            return ids;
        });
        if (originals.isEmpty()) {
            return;
        }
        Optional<Boolean> replaced = waiter.await(wait, () ->
                containers.findAllById(originals).isEmpty() ? Optional.of(true) : Optional.empty());
        if (replaced.isEmpty()) {
            String stuck = changes.write(app.getId(), app.getName(), locked -> {
                undo.accept(locked);
                return abandon(app.getId(), originals);
            });
            throw ApiException.conflict("Restarting " + app.getName() + ": not up after " + wait.toSeconds() + "s: "
                    + stuck + "; the old containers keep serving.");
        }
    }

    private void checkType(LockedApp locked, String processType) {
        App app = locked.app();
        Release current = running(locked);
        if (!current.getBuild().getProcessTypes().containsKey(processType) || processType.equals("release")) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "No process type " + processType + " in "
                    + app.getName() + "'s current release: 'paas ps' lists them.");
        }
        if (containers.findByAppIdOrderByName(app.getId()).stream()
                .noneMatch(c -> c.getProcessType().equals(processType) && !c.isRetiring())) {
            throw ApiException.conflict("No " + processType + " containers of " + app.getName()
                    + " to restart: scale it up with 'paas scale " + processType + "=1'.");
        }
    }

    private Release running(LockedApp locked) {
        App app = locked.app();
        Release current = locked.current().orElseThrow(() -> ApiException.conflict(
                "App " + app.getName() + " has nothing running: deploy it first."));
        if (current.getStatus() == Release.Status.deploying) {
            throw ApiException.conflict("v" + current.getVersion() + " of " + app.getName()
                    + " is still rolling out: try again once it is live ('paas releases' shows it).");
        }
        return current;
    }

    private List<Long> replace(LockedApp locked, String processType) {
        if (locked.current().isEmpty()) {
            return List.of();
        }
        Release current = running(locked);
        return scheduler.restart(locked.app(), current, processType).stream().map(Container::getId).toList();
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
