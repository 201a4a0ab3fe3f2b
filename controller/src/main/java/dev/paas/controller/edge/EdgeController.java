package dev.paas.controller.edge;

import dev.paas.api.EdgeView;
import dev.paas.api.LimitsRequest;
import dev.paas.api.MaintenanceRequest;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Whoever may change an app (owner, collaborator, admin) may put it in maintenance and set its limits. */
@RestController
class EdgeController {

    private final AppAccess access;
    private final EdgeService service;

    EdgeController(AppAccess access, EdgeService service) {
        this.access = access;
        this.service = service;
    }

    @GetMapping("/v1/apps/{app}/maintenance")
    EdgeView maintenance(@PathVariable String app, HttpServletRequest request) {
        return service.view(access.find(app, CurrentUser.of(request)));
    }

    @PutMapping("/v1/apps/{app}/maintenance")
    EdgeView setMaintenance(@PathVariable String app, @RequestBody MaintenanceRequest body, HttpServletRequest request)
            throws InterruptedException {
        App found = access.find(app, CurrentUser.of(request));
        return service.change(found, CurrentUser.of(request), current -> EdgeRules.maintenance(current, body),
                edge -> "Maintenance " + (edge.maintenance() ? "on" : "off")
                        + (edge.maintenance() && edge.maintenancePage() != null ? " (the app's own page)" : ""));
    }

    @GetMapping("/v1/apps/{app}/router-limits")
    EdgeView limits(@PathVariable String app, HttpServletRequest request) {
        return service.view(access.find(app, CurrentUser.of(request)));
    }

    @PutMapping("/v1/apps/{app}/router-limits")
    EdgeView setLimits(@PathVariable String app, @RequestBody LimitsRequest body, HttpServletRequest request)
            throws InterruptedException {
        App found = access.find(app, CurrentUser.of(request));
        return service.change(found, CurrentUser.of(request), current -> EdgeRules.limits(current, body),
                edge -> {
                    EdgeView view = EdgeRules.view(found.getName(), edge);
                    return "Limits set: body " + view.maxBodyMb() + " MB, read timeout " + view.readTimeoutSeconds()
                            + " s";
                });
    }
}
