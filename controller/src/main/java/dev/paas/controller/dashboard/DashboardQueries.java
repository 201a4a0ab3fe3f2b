package dev.paas.controller.dashboard;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.paas.api.DomainView;
import dev.paas.api.ProcessStatus;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.build.Build;
import dev.paas.controller.build.BuildHistory;
import dev.paas.controller.build.BuildLogs;
import dev.paas.controller.domain.DomainService;
import dev.paas.controller.limits.AppLimits;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.scale.Processes;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads what the pages show, each page in one read-only transaction. */
@Component
class DashboardQueries {

    private static final int RELEASES_SHOWN = 20;
    private static final int BUILDS_SHOWN = 10;

    private final UserRepository users;
    private final AppAccess access;
    private final ReleaseRepository releases;
    private final BuildHistory builds;
    private final BuildLogs buildLogs;
    private final Processes processes;
    private final DomainService domains;
    private final PaasProperties properties;
    private final AppLimits limits;

    DashboardQueries(UserRepository users, AppAccess access, ReleaseRepository releases,
                     BuildHistory builds, BuildLogs buildLogs, Processes processes, DomainService domains,
                     PaasProperties properties, AppLimits limits) {
        this.limits = limits;
        this.buildLogs = buildLogs;
        this.users = users;
        this.access = access;
        this.releases = releases;
        this.builds = builds;
        this.processes = processes;
        this.domains = domains;
        this.properties = properties;
    }

    /** The signed-in user; one deleted since signing in is treated as signed out. */
    User user(Principal principal) {
        return users.findByUsername(principal.getName()).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                "User " + principal.getName() + " no longer exists: sign in again."));
    }

    App app(String name, Principal principal) {
        return access.find(name, user(principal));
    }

    @Transactional(readOnly = true)
    List<Views.AppRow> apps(Principal principal) {
        User user = user(principal);
        return access.listFor(user).stream().map(app -> {
            Integer release = releases.current(app.getId()).map(Release::getVersion).orElse(null);
            return new Views.AppRow(app.getName(), app.getOwner().getUsername(),
                    AppState.of(release, processes.of(app)), release, properties.webUrl(app.getName()));
        }).toList();
    }

    @Transactional(readOnly = true)
    Views.AppPage page(String name, Principal principal) {
        App app = app(name, principal);
        Release current = releases.current(app.getId()).orElse(null);
        Integer version = current == null ? null : current.getVersion();
        List<ProcessStatus> running = processes.of(app);
        Map<String, String> given = new TreeMap<>();
        limits.view(app, current).limits().forEach(l -> given.put(l.processType(), Views.limits(l)));
        List<Views.ScaleRow> scale = current == null ? List.of() : current.getBuild().getProcessTypes().keySet().stream()
                .filter(type -> !type.equals("release")).sorted()
                .map(type -> new Views.ScaleRow(type, app.getStructure().getOrDefault(type, 0), given.get(type)))
                .toList();
        List<Views.ReleaseRow> history = releases.findByAppIdOrderByVersionDesc(app.getId()).stream().limit(RELEASES_SHOWN)
                .map(r -> new Views.ReleaseRow(r.getVersion(), r.getSummary(), r.getCreatedBy(), Views.time(r.getCreatedAt()),
                        r.getStatus().name(), r.getFailure(), current != null && r.getId().equals(current.getId())))
                .toList();
        List<Views.BuildRow> built = builds.findByAppIdOrderByIdDesc(app.getId()).stream().limit(BUILDS_SHOWN)
                .map(b -> new Views.BuildRow(b.getId(), shortSha(b.getGitSha()), b.getStatus().name(), b.getCreatedBy(),
                        Views.time(b.getCreatedAt())))
                .toList();
        Map<String, String> config = new TreeMap<>(app.getConfig());
        return new Views.AppPage(app.getName(), app.getOwner().getUsername(), AppState.of(version, running), version,
                properties.webUrl(app.getName()), properties.gitUrl(app.getName()),
                running.stream().map(Views.ProcessRow::of).toList(), scale, config, history, built,
                domains.list(app).stream().map(d -> new Views.DomainRow(d.hostname(), DomainView.CUSTOM.equals(d.type())))
                        .toList());
    }

    @Transactional(readOnly = true)
    Views.BuildPage build(String name, long id, Principal principal) {
        App app = app(name, principal);
        Build build = builds.findByIdAndAppId(id, app.getId()).orElseThrow(() -> ApiException.notFound(
                "Build " + id + " of " + name + " not found."));
        return new Views.BuildPage(app.getName(), build.getId(), build.getGitSha(), build.getStatus().name(),
                build.getCreatedBy(), Views.time(build.getCreatedAt()), Views.time(build.getFinishedAt()),
                buildLogs.of(build.getId()).orElse(""));
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 8 ? String.valueOf(sha) : sha.substring(0, 8);
    }
}
