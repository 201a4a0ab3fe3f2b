package dev.paas.controller.build;

import java.util.List;

import dev.paas.api.BuildCacheView;
import dev.paas.api.BuildDetail;
import dev.paas.api.BuildView;
import dev.paas.builder.build.BuildCache;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BuildController {

    private final AppAccess access;
    private final BuildHistory builds;
    private final BuildCache cache;
    private final AppImages images;
    private final BuildLogs logs;

    BuildController(AppAccess access, BuildHistory builds, BuildCache cache, AppImages images, BuildLogs logs) {
        this.logs = logs;
        this.access = access;
        this.builds = builds;
        this.cache = cache;
        this.images = images;
    }

    @GetMapping("/v1/apps/{app}/builds")
    @Transactional(readOnly = true)
    List<BuildView> list(@PathVariable String app, HttpServletRequest request) {
        return builds.findByAppIdOrderByIdDesc(find(app, request).getId()).stream().map(BuildController::view).toList();
    }

    @GetMapping("/v1/apps/{app}/builds/{id}")
    @Transactional(readOnly = true)
    BuildDetail info(@PathVariable String app, @PathVariable String id, HttpServletRequest request) {
        App found = find(app, request);
        Build build = parseId(id).flatMap(n -> builds.findByIdAndAppId(n, found.getId()))
                .orElseThrow(() -> ApiException.notFound("Build '" + id + "' of " + app
                        + " not found: 'paas builds' lists them."));
        return new BuildDetail(view(build), logs.of(build.getId()).orElse(""));
    }

    @GetMapping("/v1/apps/{app}/build-cache")
    @Transactional(readOnly = true)
    BuildCacheView disk(@PathVariable String app, HttpServletRequest request) {
        App found = find(app, request);
        AppImages.Usage usage = images.usage(found.getName());
        return new BuildCacheView(cache.size(found.getName()), usage.bytes(), usage.count());
    }

    /** Refused while the app builds: the running build is using the cache. */
    @DeleteMapping("/v1/apps/{app}/build-cache")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(@PathVariable String app, HttpServletRequest request) {
        App found = find(app, request);
        if (builds.existsByAppIdAndStatus(found.getId(), Build.Status.building)) {
            throw ApiException.conflict(app + " is building: clear its cache once the build has finished.");
        }
        cache.clear(found.getName());
    }

    private App find(String name, HttpServletRequest request) {
        return access.find(name, CurrentUser.of(request));
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static BuildView view(Build build) {
        return new BuildView(build.getId(), build.getGitSha(), build.getStatus().name(), build.getImage(),
                build.getProcessTypes(), build.getCreatedBy(), build.getCreatedAt(), build.getFinishedAt(), build.getFailure());
    }
}
