package dev.paas.controller.dashboard;

import java.security.Principal;

import dev.paas.controller.addon.AddonService;
import dev.paas.controller.addon.AddonType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The dashboard's pages: sign-in, the apps list, an app, one build's log. */
@Controller
class DashboardPages {

    private final DashboardQueries queries;
    private final AddonService addons;

    DashboardPages(DashboardQueries queries, AddonService addons) {
        this.queries = queries;
        this.addons = addons;
    }

    @GetMapping("/login")
    String signIn() {
        return "dashboard/login";
    }

    @GetMapping("/")
    String apps(Model model, Principal principal) {
        model.addAttribute("user", principal.getName());
        model.addAttribute("apps", queries.apps(principal));
        return "dashboard/apps";
    }

    @GetMapping("/apps/{app}")
    String app(@PathVariable String app, Model model, Principal principal) {
        model.addAttribute("user", principal.getName());
        model.addAttribute("app", queries.page(app, principal));
        model.addAttribute("addons", addons.forApp(app, queries.user(principal)).stream()
                .map(a -> Views.AddonRow.of(a, app)).toList());
        model.addAttribute("addonTypes", AddonType.names().split(", "));
        return "dashboard/app";
    }

    @GetMapping("/apps/{app}/builds/{id}")
    String build(@PathVariable String app, @PathVariable long id, Model model, Principal principal) {
        model.addAttribute("user", principal.getName());
        model.addAttribute("build", queries.build(app, id, principal));
        return "dashboard/build";
    }
}
