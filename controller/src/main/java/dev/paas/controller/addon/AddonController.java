package dev.paas.controller.addon;

import java.util.List;

import dev.paas.api.AddonChange;
import dev.paas.api.AddonRequest;
import dev.paas.api.AddonRotation;
import dev.paas.api.AddonView;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The add-on commands of the API; each change answers once the attached apps' releases are rolled out. */
@RestController
class AddonController {

    private final AddonService service;
    private final AddonBackups backups;

    AddonController(AddonService service, AddonBackups backups) {
        this.service = service;
        this.backups = backups;
    }

    @GetMapping("/v1/apps/{app}/addons")
    List<AddonView> forApp(@PathVariable String app, HttpServletRequest request) {
        return service.forApp(app, CurrentUser.of(request));
    }

    @PostMapping("/v1/addons")
    @ResponseStatus(HttpStatus.CREATED)
    AddonChange create(@RequestBody AddonRequest body, HttpServletRequest request) throws InterruptedException {
        if (body == null || body.type() == null || body.app() == null) {
            throw ApiException.badRequest("Give the add-on's type and the app to attach it to: 'paas addons:create"
                    + " postgres -a APP'.");
        }
        return service.create(body.type(), body.app(), body.plan(), body.as(), CurrentUser.of(request));
    }

    @GetMapping("/v1/addons/{name}")
    AddonView info(@PathVariable String name, HttpServletRequest request) {
        return service.info(name, CurrentUser.of(request));
    }

    @PostMapping("/v1/addons/{name}/attachments")
    AddonChange attach(@PathVariable String name, @RequestBody AddonRequest body, HttpServletRequest request)
            throws InterruptedException {
        if (body == null || body.app() == null) {
            throw ApiException.badRequest("Give the app to attach " + name + " to: -a APP.");
        }
        return service.attach(name, body.app(), body.as(), CurrentUser.of(request));
    }

    @DeleteMapping("/v1/addons/{name}/attachments/{app}")
    AddonChange detach(@PathVariable String name, @PathVariable String app, HttpServletRequest request)
            throws InterruptedException {
        return service.detach(name, app, CurrentUser.of(request));
    }

    /** New credentials; answers once every attached app's release with the new URL is rolled out. */
    @PostMapping("/v1/addons/{name}/credentials/rotate")
    AddonRotation rotate(@PathVariable String name, HttpServletRequest request) throws InterruptedException {
        return service.rotate(name, CurrentUser.of(request));
    }

    @DeleteMapping("/v1/addons/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void destroy(@PathVariable String name, @RequestParam(required = false) String confirm,
                 @RequestParam(defaultValue = "false") boolean force, HttpServletRequest request)
            throws InterruptedException {
        backups.deleteAll(service.destroy(name, confirm, force, CurrentUser.of(request)));
    }
}
