package dev.paas.controller.scale;

import java.util.List;

import dev.paas.api.ProcessStatus;
import dev.paas.api.ProcessTypesRequest;
import dev.paas.api.ScaleRequest;
import dev.paas.api.ScaleResult;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.user.User;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ScaleController {

    private final AppAccess access;
    private final Processes processes;
    private final ScaleService service;

    ScaleController(AppAccess access, Processes processes, ScaleService service) {
        this.access = access;
        this.processes = processes;
        this.service = service;
    }

    @GetMapping("/v1/apps/{app}/ps")
    List<ProcessStatus> ps(@PathVariable String app, HttpServletRequest request) {
        return processes.of(access.find(app, CurrentUser.of(request)));
    }

    @PostMapping("/v1/apps/{app}/scale")
    ScaleResult scale(@PathVariable String app, @RequestBody ScaleRequest body, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        return service.scale(access.find(app, user), body.counts(), user.getUsername());
    }

    @PostMapping("/v1/apps/{app}/ps/stop")
    ScaleResult stop(@PathVariable String app, @RequestBody ProcessTypesRequest body, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        return service.stop(access.find(app, user), body.types(), user.getUsername());
    }

    @PostMapping("/v1/apps/{app}/ps/start")
    ScaleResult start(@PathVariable String app, @RequestBody ProcessTypesRequest body, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        return service.start(access.find(app, user), body.types(), user.getUsername());
    }
}
