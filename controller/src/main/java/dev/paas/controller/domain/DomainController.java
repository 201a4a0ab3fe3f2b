package dev.paas.controller.domain;

import java.util.List;

import dev.paas.api.DomainRequest;
import dev.paas.api.DomainView;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DomainController {

    private final AppAccess access;
    private final DomainService service;

    DomainController(AppAccess access, DomainService service) {
        this.access = access;
        this.service = service;
    }

    @GetMapping("/v1/apps/{app}/domains")
    List<DomainView> list(@PathVariable String app, HttpServletRequest request) {
        return service.list(access.find(app, CurrentUser.of(request)));
    }

    @PostMapping("/v1/apps/{app}/domains")
    @ResponseStatus(HttpStatus.CREATED)
    DomainView add(@PathVariable String app, @RequestBody DomainRequest body, HttpServletRequest request)
            throws InterruptedException {
        return service.add(access.find(app, CurrentUser.of(request)), body.hostname(), CurrentUser.of(request));
    }

    @DeleteMapping("/v1/apps/{app}/domains/{hostname}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String app, @PathVariable String hostname, HttpServletRequest request)
            throws InterruptedException {
        service.remove(access.find(app, CurrentUser.of(request)), hostname, CurrentUser.of(request));
    }
}
