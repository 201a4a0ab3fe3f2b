package dev.paas.controller.cert;

import java.util.List;

import dev.paas.api.CertRequest;
import dev.paas.api.CertView;
import dev.paas.api.HttpsRequest;
import dev.paas.api.HttpsView;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whoever may change an app (owner, collaborator, admin) manages its certificates and HTTPS settings; others are told
 * the app does not exist. Only admins set the platform's certificate. No answer carries a private key.
 */
@RestController
class CertController {

    private final AppAccess access;
    private final CertService service;

    CertController(AppAccess access, CertService service) {
        this.access = access;
        this.service = service;
    }

    @GetMapping("/v1/apps/{app}/certs")
    List<CertView> list(@PathVariable String app, HttpServletRequest request) {
        return service.list(access.find(app, CurrentUser.of(request)));
    }

    @PostMapping("/v1/apps/{app}/certs")
    @ResponseStatus(HttpStatus.CREATED)
    CertView add(@PathVariable String app, @RequestBody CertRequest body, HttpServletRequest request)
            throws InterruptedException {
        return service.add(access.find(app, CurrentUser.of(request)), CurrentUser.of(request), body);
    }

    /** Without {@code domain}: the app's own certificate; with it, the one added for that domain. */
    @DeleteMapping("/v1/apps/{app}/certs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String app, @RequestParam(required = false) String domain, HttpServletRequest request)
            throws InterruptedException {
        service.remove(access.find(app, CurrentUser.of(request)), CurrentUser.of(request), domain);
    }

    @GetMapping("/v1/apps/{app}/https")
    HttpsView https(@PathVariable String app, HttpServletRequest request) {
        return service.https(access.find(app, CurrentUser.of(request)));
    }

    @PutMapping("/v1/apps/{app}/https")
    HttpsView setHttps(@PathVariable String app, @RequestBody HttpsRequest body, HttpServletRequest request)
            throws InterruptedException {
        return service.setHttps(access.find(app, CurrentUser.of(request)), CurrentUser.of(request), body);
    }

    /** Any signed-in user may see which certificate the default names use: it is what every client sees anyway. */
    @GetMapping("/v1/platform/cert")
    CertView platform() {
        return service.platform().orElseThrow(() -> ApiException.notFound("The platform has no certificate yet: the"
                + " default names are not served over HTTPS. An admin sets one with 'paas certs:platform:set CERT KEY'."));
    }

    @PutMapping("/v1/platform/cert")
    CertView setPlatform(@RequestBody CertRequest body, HttpServletRequest request) throws InterruptedException {
        if (!CurrentUser.of(request).isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins set the platform's certificate.");
        }
        return service.setPlatform(CurrentUser.of(request), body);
    }
}
