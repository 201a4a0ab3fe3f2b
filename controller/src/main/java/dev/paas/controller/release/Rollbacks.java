package dev.paas.controller.release;

import dev.paas.controller.app.App;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Service;

/** releases:rollback, for the API and the dashboard: release vN+1 from an earlier release's build and config. */
@Service
public class Rollbacks {

    private final ReleaseRepository releases;
    private final ReleaseChanges changes;

    Rollbacks(ReleaseRepository releases, ReleaseChanges changes) {
        this.releases = releases;
        this.changes = changes;
    }

    /** Rolls back to {@code version}, or when it is null to the last succeeded release before the current one. */
    public Release rollback(App app, User user, Integer version) throws InterruptedException {
        ReleaseChanges.Outcome outcome = changes.apply(app, user, (a, current) -> {
            if (current == null) {
                throw ApiException.conflict("App " + a.getName() + " has no release to roll back from: deploy it first.");
            }
            Release target = version == null ? previous(a, current) : find(a, version);
            if (target.getId().equals(current.getId())) {
                throw ApiException.conflict("v" + target.getVersion() + " is already the current release.");
            }
            return new ReleaseChanges.Next(target.getBuild(), target.getConfig(), "Rollback to v" + target.getVersion());
        });
        return outcome.release();
    }

    Release find(App app, int version) {
        return releases.findByAppIdAndVersion(app.getId(), version)
                .orElseThrow(() -> ApiException.notFound("Release v" + version + " of " + app.getName()
                        + " not found: 'paas releases' lists them."));
    }

    private Release previous(App app, Release current) {
        return releases.findByAppIdOrderByVersionDesc(app.getId()).stream()
                .filter(r -> r.getVersion() < current.getVersion() && r.getStatus() == Release.Status.succeeded)
                .findFirst()
                .orElseThrow(() -> ApiException.conflict("No earlier release of " + app.getName() + " to roll back to."));
    }
}
