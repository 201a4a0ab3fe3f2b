package dev.paas.controller.dashboard;

import java.security.Principal;
import java.util.Map;

import dev.paas.api.AddonChange;
import dev.paas.api.AddonView;
import dev.paas.api.BackupView;
import dev.paas.controller.addon.AddonBackups;
import dev.paas.controller.addon.AddonService;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The app page's add-on forms: create one for the app, attach an existing one, detach, capture a backup. Each calls
 * the service the API's endpoint calls (so the checks, the release and the rollout are the same as the cli's), with
 * the same app access check first ({@link FormAccess}); a backup is only taken of an add-on attached to this app.
 */
@Controller
class DashboardAddons {

    private final DashboardQueries queries;
    private final AddonService addons;
    private final AddonBackups backups;

    DashboardAddons(DashboardQueries queries, AddonService addons, AddonBackups backups) {
        this.queries = queries;
        this.addons = addons;
        this.backups = backups;
    }

    @PostMapping("/apps/{app}/addons")
    String create(@PathVariable String app, @RequestParam String type, @RequestParam(defaultValue = "") String plan,
                  @RequestParam(name = "as", defaultValue = "") String as, Principal principal,
                  RedirectAttributes flash) throws InterruptedException {
        return DashboardActions.act(flash, Map.of("typedAddonAs", as), () -> {
            AddonChange change = addons.create(type.strip(), app, blankToNull(plan), blankToNull(as),
                    queries.user(principal));
            return attached(change, app, "Created");
        });
    }

    @PostMapping("/apps/{app}/addons/attach")
    String attach(@PathVariable String app, @RequestParam String addon,
                  @RequestParam(name = "as", defaultValue = "") String as, Principal principal,
                  RedirectAttributes flash) throws InterruptedException {
        return DashboardActions.act(flash, Map.of("typedAttach", addon, "typedAttachAs", as), () -> {
            AddonChange change = addons.attach(addon.strip(), app, blankToNull(as), queries.user(principal));
            return attached(change, app, "Attached");
        });
    }

    @PostMapping("/apps/{app}/addons/detach")
    String detach(@PathVariable String app, @RequestParam String addon, Principal principal, RedirectAttributes flash)
            throws InterruptedException {
        return DashboardActions.act(flash, Map.of(), () -> {
            AddonChange change = addons.detach(addon, app, queries.user(principal));
            return DashboardActions.released(change.release(), "Detached " + addon);
        });
    }

    @PostMapping("/apps/{app}/addons/backup")
    String backup(@PathVariable String app, @RequestParam String addon, Principal principal, RedirectAttributes flash)
            throws InterruptedException {
        return DashboardActions.act(flash, Map.of(), () -> {
            User user = queries.user(principal);
            if (addons.forApp(app, user).stream().noneMatch(a -> a.name().equals(addon))) {
                throw ApiException.notFound("Add-on '" + addon + "' is not attached to " + app + ".");
            }
            BackupView backup = backups.capture(addon, user);
            if (!"succeeded".equals(backup.status())) {
                throw ApiException.conflict("Backup " + backup.id() + " of " + addon + " failed: " + backup.failure());
            }
            return "Captured backup " + backup.id() + " of " + addon + " (" + (backup.sizeBytes() + 1023) / 1024
                    + " KB): 'paas addons:backups " + addon + "' lists it.";
        });
    }

    private static String attached(AddonChange change, String app, String what) {
        AddonView addon = change.addon();
        String var = addon.attachments().stream().filter(a -> a.app().equals(app)).map(AddonView.Attachment::var)
                .findFirst().orElse("?");
        return DashboardActions.released(change.release(), what + " " + addon.name() + " as " + var);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
