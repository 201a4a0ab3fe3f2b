package dev.paas.controller.app;

import java.util.List;

import dev.paas.api.AppView;
import dev.paas.api.CreateAppRequest;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
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

    private final AppRepository apps;
    private final AppService service;
    private final ReleaseRepository releases;
    private final ContainerRepository containers;
    private final PaasProperties properties;

    AppController(AppRepository apps, AppService service, ReleaseRepository releases,
                  ContainerRepository containers, PaasProperties properties) {
        this.apps = apps;
        this.service = service;
        this.releases = releases;
        this.containers = containers;
        this.properties = properties;
    }

    @GetMapping("/v1/apps")
    @Transactional(readOnly = true)
    List<AppView> list(HttpServletRequest request) {
        User user = CurrentUser.of(request);
        List<App> visible = user.isAdmin() ? apps.findAllByOrderByName() : apps.findByOwnerIdOrderByName(user.getId());
        return visible.stream().map(this::view).toList();
    }

    @PostMapping("/v1/apps")
    @ResponseStatus(HttpStatus.CREATED)
    AppView create(@RequestBody CreateAppRequest body, HttpServletRequest request) {
        return view(service.create(body.name(), body.formation(), CurrentUser.of(request)));
    }

    @GetMapping("/v1/apps/{name}")
    @Transactional(readOnly = true)
    AppView info(@PathVariable String name, HttpServletRequest request) {
        return view(find(name, CurrentUser.of(request)));
    }

    @DeleteMapping("/v1/apps/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void destroy(@PathVariable String name, HttpServletRequest request) throws InterruptedException {
        service.destroy(find(name, CurrentUser.of(request)));
    }

    private App find(String name, User user) {
        return apps.findByName(name).filter(app -> app.isAccessibleBy(user))
                .orElseThrow(() -> ApiException.notFound("App '" + name + "' not found: 'paas apps' lists yours."));
    }

    private AppView view(App app) {
        Integer release = releases.current(app.getId()).map(r -> r.getVersion()).orElse(null);
        List<AppView.ProcessView> processes = containers.findByAppIdOrderByName(app.getId()).stream()
                .map(c -> new AppView.ProcessView(c.getProcessType() + "." + c.getIndex(), c.getProcessType(),
                        c.getIndex(), c.getRelease().getVersion(), c.getNode().getName(), c.getObservedState()))
                .toList();
        return new AppView(app.getName(), app.getOwner().getUsername(), properties.webUrl(app.getName()),
                properties.gitUrl(app.getName()), release, app.getCreatedAt(), processes,
                service.formationName(app));
    }
}
