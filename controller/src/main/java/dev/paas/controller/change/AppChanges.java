package dev.paas.controller.change;

import java.util.function.Function;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Placement;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.web.ApiException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a change to an app in one transaction that first locks the app's row ({@code SELECT ... FOR UPDATE}).
 * The lock is PostgreSQL's, so changes to one app queue there whatever thread or controller makes them, and each
 * reads what the one before it wrote: the current release, the config, the structure, the newest version. A
 * destroy (which deletes the row) queues there too. The lock lasts only as long as the write; waiting for the
 * rollout happens after the commit, with {@link ChangeWaiter}.
 */
@Service
public class AppChanges {

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final Scheduler scheduler;
    private final ChangeFeed feed;
    private final TransactionTemplate tx;
    private final AppLocks locks;

    AppChanges(AppRepository apps, ReleaseRepository releases, Scheduler scheduler, ChangeFeed feed,
               TransactionTemplate tx, AppLocks locks) {
        this.apps = apps;
        this.releases = releases;
        this.scheduler = scheduler;
        this.feed = feed;
        this.tx = tx;
        this.locks = locks;
    }

    /**
     * Runs {@code change} holding the app's lock, commits, then wakes whoever watches the desired state. A change
     * that throws writes nothing. No capacity for the containers, and no lock within {@link AppLocks#WAIT}, are 409s
     * the caller can act on.
     *
     * @param appName for messages only
     */
    public <T> T write(Long appId, String appName, Function<LockedApp, T> change) {
        T result;
        try {
            result = tx.execute(status -> change.apply(lock(appId)));
        } catch (PessimisticLockingFailureException e) {
            throw ApiException.conflict("Another change to " + appName + " has held it for more than "
                    + AppLocks.WAIT.toSeconds() + "s: try again shortly.");
        } catch (Placement.NoCapacityException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        }
        feed.bump();
        return result;
    }

    private LockedApp lock(Long appId) {
        if (!locks.lock(appId)) {
            throw ApiException.notFound("The app was destroyed meanwhile.");
        }
        // Loaded after the lock, so it is what the change before this one left.
        return new LockedApp(apps.findById(appId).orElseThrow(), releases, scheduler);
    }
}
