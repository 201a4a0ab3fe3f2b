package dev.paas.controller.limits;

import dev.paas.api.FormationLimits;
import dev.paas.api.LimitsUpdate;
import dev.paas.api.LimitsView;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An app's limits (whoever may scale it may size it) and a formation's defaults and maximums (admins). */
@RestController
class LimitsController {

    private final AppAccess access;
    private final AppLimits limits;
    private final ReleaseRepository releases;
    private final FormationLimitStore store;

    LimitsController(AppAccess access, AppLimits limits, ReleaseRepository releases, FormationLimitStore store) {
        this.access = access;
        this.limits = limits;
        this.releases = releases;
        this.store = store;
    }

    @GetMapping("/v1/apps/{app}/limits")
    LimitsView show(@PathVariable String app, HttpServletRequest request) {
        App found = access.find(app, CurrentUser.of(request));
        return limits.view(found, releases.current(found.getId()).orElse(null));
    }

    /** Answers once the types it changed run with their new limits. */
    @PostMapping("/v1/apps/{app}/limits")
    LimitsView change(@PathVariable String app, @RequestBody LimitsUpdate body, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        App found = access.find(app, user);
        limits.change(found, body, user.getUsername());
        return show(app, request);
    }

    @GetMapping("/v1/formations/{formation}/limits")
    FormationLimits formation(@PathVariable String formation, HttpServletRequest request) {
        admin(request);
        return view(find(formation));
    }

    /** A null field stays as it is; {@code none} clears a default or a maximum. */
    @PostMapping("/v1/formations/{formation}/limits")
    FormationLimits setFormation(@PathVariable String formation, @RequestBody FormationLimits body,
                                 HttpServletRequest request) {
        admin(request);
        FormationSettings now = find(formation);
        FormationSettings next;
        try {
            next = FormationLimitRules.apply(now, body);
        } catch (LimitRules.LimitException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        store.update(next);
        return view(next);
    }

    private FormationSettings find(String formation) {
        return store.of(formation).orElseThrow(() -> ApiException.notFound("Unknown formation '" + formation
                + "': 'paas formations' lists them."));
    }

    private FormationLimits view(FormationSettings s) {
        return new FormationLimits(s.name(),
                s.defaultMemoryMb() == null ? store.platformMemoryMb() + "M (platform)" : s.defaultMemoryMb() + "M",
                s.maxMemoryMb() == null ? "none" : s.maxMemoryMb() + "M",
                s.defaultCpuMillis() == null ? "none" : LimitRules.cpus(s.defaultCpuMillis()),
                s.maxCpuMillis() == null ? "none" : LimitRules.cpus(s.maxCpuMillis()),
                s.overcommit() == null ? store.overcommit(s) + " (platform)" : Double.toString(s.overcommit()));
    }

    private static void admin(HttpServletRequest request) {
        if (!CurrentUser.of(request).isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins manage formations.");
        }
    }
}
