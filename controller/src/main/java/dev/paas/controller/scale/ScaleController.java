package dev.paas.controller.scale;

import java.util.List;

import dev.paas.api.ProcessStatus;
import dev.paas.api.ScaleRequest;
import dev.paas.api.ScaleResult;
import dev.paas.controller.release.AppAccess;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ScaleController {

    private final AppAccess access;
    private final ContainerRepository containers;
    private final ScaleService service;

    ScaleController(AppAccess access, ContainerRepository containers, ScaleService service) {
        this.access = access;
        this.containers = containers;
        this.service = service;
    }

    @GetMapping("/v1/apps/{app}/ps")
    @Transactional(readOnly = true)
    List<ProcessStatus> ps(@PathVariable String app, HttpServletRequest request) {
        Long appId = access.find(app, CurrentUser.of(request)).getId();
        return containers.findByAppIdOrderByName(appId).stream()
                .map(c -> new ProcessStatus(c.getProcessType() + "." + c.getIndex(), c.getProcessType(), c.getIndex(),
                        c.isRetiring() ? "stopping" : state(c.getObservedState()), c.getRelease().getVersion(), c.getNode().getName(), c.getStateSince()))
                .toList();
    }

    /** A desired container that exited is crashed: its agent restarts it with back-off. */
    private static String state(String observed) {
        return observed.equals("exited") ? "crashed" : observed;
    }

    @PostMapping("/v1/apps/{app}/scale")
    ScaleResult scale(@PathVariable String app, @RequestBody ScaleRequest body, HttpServletRequest request)
            throws InterruptedException {
        return service.scale(access.find(app, CurrentUser.of(request)), body.counts());
    }
}
