package dev.paas.controller.deploy;

import java.util.Map;

import dev.paas.controller.app.App;
import dev.paas.controller.build.AppImages;
import dev.paas.controller.build.Build;
import dev.paas.controller.build.BuildLogs;
import dev.paas.controller.build.BuildRepository;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseChanges;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code paas promote --to TARGET}, Heroku's pipeline promotion: the source app's newest release that served gives
 * its build to the target, with no build: the image is copied within the registry to the target's repository (its
 * layers shared), and the target gets a build of its own (the same commit, process types, port, app.json and
 * app.json health checks) and a release of it with the target's own config, rolled out like a push's. The build's
 * app.json is not applied again (its formation, env and scripts ran for the source, as on Heroku).
 */
@Service
class Promotions {

    private final ReleaseRepository releases;
    private final ReleaseService pushes;
    private final BuildRepository builds;
    private final BuildLogs buildLogs;
    private final AppImages images;
    private final ReleaseChanges changes;
    private final DeployOnPush deploys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    Promotions(ReleaseRepository releases, ReleaseService pushes, BuildRepository builds, BuildLogs buildLogs,
               AppImages images, ReleaseChanges changes, DeployOnPush deploys, JdbcTemplate jdbc,
               TransactionTemplate tx) {
        this.releases = releases;
        this.pushes = pushes;
        this.builds = builds;
        this.buildLogs = buildLogs;
        this.images = images;
        this.changes = changes;
        this.deploys = deploys;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Answers the target's release once its rollout has an outcome. */
    Release promote(App source, App target, User user) throws InterruptedException {
        if (source.getId().equals(target.getId())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "An app cannot be promoted to itself: name"
                    + " another app with --to.");
        }
        Release from = tx.execute(s -> {
            Release r = releases.findFirstByAppIdAndStatusOrderByVersionDesc(source.getId(), Release.Status.succeeded)
                    .orElseThrow(() -> ApiException.conflict(source.getName() + " has no release that served yet:"
                            + " deploy it first."));
            r.getBuild().getImage();  // loaded while the transaction is open
            return r;
        });
        Build copied = deploys.holdingBuildLock(target.getName(), () -> copy(from, source, target, user));
        String summary = "Promote " + source.getName() + " v" + from.getVersion();
        ReleaseChanges.Outcome outcome = changes.apply(target, user, (app, current) ->
                new ReleaseChanges.Next(copied, app.getConfig(), summary));
        return outcome.release();
    }

    /** The target's own build of the source release's image, tagged as the target's next version. */
    private Build copy(Release from, App source, App target, User user) {
        Build original = from.getBuild();
        // As a push tags its image: the version the release will most likely get, so tags grow with each build.
        String image;
        try {
            image = images.copy(original.getImage(), target.getName(), "v" + pushes.expectedVersion(target));
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "Could not copy the image of " + source.getName() + " v"
                    + from.getVersion() + " in the registry: " + e.getMessage());
        }
        return tx.execute(s -> {
            Build build = new Build(target.getId(), original.getGitSha(), user.getUsername());
            build.succeeded(image, original.getProcessTypes(), original.getPort());
            Build saved = builds.save(build);
            buildLogs.store(saved.getId(), "Promoted from " + source.getName() + " v" + from.getVersion() + " (build "
                    + original.getId() + ") by " + user.getUsername() + "\n");
            jdbc.update("UPDATE builds SET app_json = (SELECT app_json FROM builds WHERE id = ?) WHERE id = ?",
                    original.getId(), saved.getId());
            jdbc.update("INSERT INTO build_health_checks (build_id, process_type, path, timeout_seconds, attempts,"
                    + " content) SELECT ?, process_type, path, timeout_seconds, attempts, content"
                    + " FROM build_health_checks WHERE build_id = ?", saved.getId(), original.getId());
            return saved;
        });
    }
}
