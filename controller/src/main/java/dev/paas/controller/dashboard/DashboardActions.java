package dev.paas.controller.dashboard;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.paas.api.ConfigChangeResult;
import dev.paas.api.ConfigUpdate;
import dev.paas.api.ReleaseView;
import dev.paas.api.ScaleResult;
import dev.paas.controller.app.App;
import dev.paas.controller.config.ConfigChanges;
import dev.paas.controller.domain.DomainService;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseViews;
import dev.paas.controller.release.Rollbacks;
import dev.paas.controller.scale.ScaleService;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The app page's forms. Each calls the service the API's endpoint calls (so a config change from here is the
 * same release as {@code paas config:set}), then redirects back to the app page with one line saying what
 * happened. A refused change keeps what was typed in the form, so nothing is lost.
 */
@Controller
class DashboardActions {

    private final DashboardQueries queries;
    private final ConfigChanges config;
    private final ScaleService scale;
    private final Rollbacks rollbacks;
    private final DomainService domains;

    DashboardActions(DashboardQueries queries, ConfigChanges config, ScaleService scale, Rollbacks rollbacks,
                     DomainService domains) {
        this.queries = queries;
        this.config = config;
        this.scale = scale;
        this.rollbacks = rollbacks;
        this.domains = domains;
    }

    @PostMapping("/apps/{app}/config")
    String setConfig(@PathVariable String app, @RequestParam String key, @RequestParam(defaultValue = "") String value,
                     Principal principal, RedirectAttributes flash) throws InterruptedException {
        String name = key.strip();
        // browsers send a textarea's line breaks as CRLF; the cli sets them as LF
        String text = value.replace("\r\n", "\n");
        return act(flash, Map.of("typedKey", key, "typedValue", value), () -> {
            User user = queries.user(principal);
            ConfigChangeResult result = config.change(queries.app(app, principal), user,
                    new ConfigUpdate(Map.of(name, text), List.of()));
            return released(result.release(), "Set " + name);
        });
    }

    @PostMapping("/apps/{app}/config/unset")
    String unsetConfig(@PathVariable String app, @RequestParam String key, Principal principal, RedirectAttributes flash)
            throws InterruptedException {
        return act(flash, Map.of(), () -> {
            ConfigChangeResult result = config.change(queries.app(app, principal), queries.user(principal),
                    new ConfigUpdate(Map.of(), List.of(key)));
            return released(result.release(), "Removed " + key);
        });
    }

    @PostMapping("/apps/{app}/scale")
    String scale(@PathVariable String app, @RequestParam String type, @RequestParam String count, Principal principal,
                 RedirectAttributes flash) throws InterruptedException {
        return act(flash, Map.of(), () -> {
            int wanted;
            try {
                wanted = Integer.parseInt(count.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("'" + count + "' is not a number of processes: use 0 to 100.");
            }
            App found = queries.app(app, principal);
            ScaleResult result = scale.scale(found, Map.of(type, wanted), principal.getName());
            if (!result.up()) {
                throw ApiException.conflict("Scaled " + type + " to " + wanted + ", but " + result.problem());
            }
            return "Scaled " + type + " to " + wanted + ".";
        });
    }

    @PostMapping("/apps/{app}/rollback")
    String rollback(@PathVariable String app, @RequestParam int version, Principal principal, RedirectAttributes flash)
            throws InterruptedException {
        return act(flash, Map.of(), () -> {
            Release release = rollbacks.rollback(queries.app(app, principal), queries.user(principal), version);
            return released(ReleaseViews.summary(release), "Rolled back to v" + version);
        });
    }

    @PostMapping("/apps/{app}/domains")
    String addDomain(@PathVariable String app, @RequestParam String hostname, Principal principal,
                     RedirectAttributes flash) throws InterruptedException {
        return act(flash, Map.of("typedDomain", hostname), () -> {
            String added = domains.add(queries.app(app, principal), hostname.strip(), queries.user(principal))
                    .hostname();
            return "Added " + added + ": the router serves the app under it now (no new release).";
        });
    }

    @PostMapping("/apps/{app}/domains/remove")
    String removeDomain(@PathVariable String app, @RequestParam String hostname, Principal principal,
                        RedirectAttributes flash) throws InterruptedException {
        return act(flash, Map.of(), () -> {
            domains.remove(queries.app(app, principal), hostname, queries.user(principal));
            return "Removed " + hostname + ".";
        });
    }

    /** The line for a change that made a release: its version, or why its rollout failed (then it is an error). */
    static String released(ReleaseView release, String what) {
        if (release == null) {
            return what + ": saved; it takes effect with the first deploy.";
        }
        if (release.status().equals("failed")) {
            throw ApiException.conflict(what + ": " + release.failure()
                    + "; the previous release keeps serving.");
        }
        return what + ": release v" + release.version() + " is " + (release.status().equals("succeeded") ? "live." : release.status() + ".");
    }

    interface Action {
        String run() throws InterruptedException;
    }

    static String act(RedirectAttributes flash, Map<String, String> typed, Action action)
            throws InterruptedException {
        try {
            flash.addFlashAttribute("notice", action.run());
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            typed.forEach(flash::addFlashAttribute);
        }
        // {app} is expanded (and encoded) from this request's own path variable
        return "redirect:/apps/{app}";
    }
}
