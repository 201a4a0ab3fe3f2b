package dev.paas.controller.app;

import java.util.List;

import dev.paas.api.AppView;
import dev.paas.api.CreateAppRequest;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AppController {

    private final AppAccess access;
    private final AppService service;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final PaasProperties properties;

    AppController(AppAccess access, AppService service, ReleaseRepository releases,
                  ContainerRepository containers, PaasProperties properties) {
        this.access = access;
        this.service = service;
        this.releases = releases;
        this.containers = containers;
        this.properties = properties;
    }

    @GetMapping("/v1/apps")
    @Transactional(readOnly = true)
    List<AppView> list(HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return access.listFor(user).stream().map(app -> view(app, user)).toList();
    }

    @PostMapping("/v1/apps")
    @ResponseStatus(HttpStatus.CREATED)
    AppView create(@RequestBody CreateAppRequest body, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return view(service.create(body.name(), body.formation(), user), user);
    }

    @GetMapping("/v1/apps/{name}")
    @Transactional(readOnly = true)
    AppView info(@PathVariable String name, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return view(access.find(name, user), user);
    }

    @DeleteMapping("/v1/apps/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void destroy(@PathVariable String name, HttpServletRequest request) throws InterruptedException {
        service.destroy(access.findOwned(name, CurrentUser.of(request), "destroy it"));
    }

    private AppView view(App app, User user) {
        Integer release = releases.current(app.getId()).map(r -> r.getVersion()).orElse(null);
        List<AppView.ProcessView> processes = containers.findByAppIdOrderByName(app.getId()).stream()
                .map(c -> new AppView.ProcessView(c.getProcessType() + "." + c.getIndex(), c.getProcessType(),
                        c.getIndex(), c.getRelease().getVersion(), c.getNode().getName(), c.getObservedState()))
                .toList();
        return new AppView(app.getName(), app.getOwner().getUsername(), properties.webUrl(app.getName()),
                properties.gitUrl(app.getName()), release, app.getCreatedAt(), processes,
                service.formationName(app), access.roleOf(app, user).map(AppAccess.Role::label).orElse(null));
    }
}
