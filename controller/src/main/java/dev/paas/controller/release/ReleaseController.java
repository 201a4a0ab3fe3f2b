package dev.paas.controller.release;

import java.util.List;

import dev.paas.api.ReleaseView;
import dev.paas.api.RestartRequest;
import dev.paas.api.RollbackRequest;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.scale.ProcessRestart;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Release history and rollback. Releases are never edited or deleted while their app exists. */
@RestController
class ReleaseController {

    private final AppAccess access;
    private final ReleaseRepository releases;
    private final ReleaseChanges changes;
    private final ProcessRestart processRestart;
    private final Rollbacks rollbacks;

    ReleaseController(AppAccess access, ReleaseRepository releases, ReleaseChanges changes,
                      ProcessRestart processRestart, Rollbacks rollbacks) {
        this.access = access;
        this.processRestart = processRestart;
        this.releases = releases;
        this.changes = changes;
        this.rollbacks = rollbacks;
    }

    @GetMapping("/v1/apps/{app}/releases")
    @Transactional(readOnly = true)
    List<ReleaseView> list(@PathVariable String app, HttpServletRequest request) {
        App found = access.find(app, CurrentUser.of(request));
        return releases.findByAppIdOrderByVersionDesc(found.getId()).stream().map(ReleaseViews::summary).toList();
    }

    @GetMapping("/v1/apps/{app}/releases/{version}")
    @Transactional(readOnly = true)
    ReleaseView info(@PathVariable String app, @PathVariable String version, HttpServletRequest request) {
        App found = access.find(app, CurrentUser.of(request));
        return ReleaseViews.detail(rollbacks.find(found, parse(version)));
    }

    /** Release vN+1 from vN's build and config; by default vN is the release before the current one. */
    @PostMapping("/v1/apps/{app}/rollback")
    ReleaseView rollback(@PathVariable String app, @RequestBody(required = false) RollbackRequest body,
                         HttpServletRequest request) throws InterruptedException {
        User user = CurrentUser.of(request);
        App found = access.find(app, user);
        return ReleaseViews.detail(rollbacks.rollback(found, user, body == null ? null : body.version()));
    }

    /**
     * A restart with no downtime. The whole app: a rollout of a new release with the current build and config.
     * One process type: replacements for only that type's containers, in the same release (see ProcessRestart).
     */
    @PostMapping("/v1/apps/{app}/restart")
    ReleaseView restart(@PathVariable String app, @RequestBody(required = false) RestartRequest body,
                        HttpServletRequest request) throws InterruptedException {
        User user = CurrentUser.of(request);
        App found = access.find(app, user);
        String type = body == null ? null : body.processType();
        if (type != null) {
            return ReleaseViews.detail(processRestart.restart(found, type, user.getUsername()));
        }
        ReleaseChanges.Outcome outcome = changes.apply(found, user, (a, current) -> {
            if (current == null) {
                throw ApiException.conflict("App " + a.getName() + " has nothing running: deploy it first.");
            }
            return new ReleaseChanges.Next(current.getBuild(), current.getConfig(), "Restart");
        });
        return ReleaseViews.detail(outcome.release());
    }

    private static int parse(String version) {
        try {
            return Integer.parseInt(version.startsWith("v") ? version.substring(1) : version);
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "'" + version + "' is not a release: use vN, e.g. v3.");
        }
    }
}
