package dev.paas.controller.health;

import java.util.List;

import dev.paas.api.HealthCheckSetting;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.App;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Setting a check applies to containers started from then on (the next release, scale or restart). */
@RestController
class HealthCheckController {

    private final AppAccess access;
    private final HealthChecks checks;
    private final ChangeFeed feed;

    HealthCheckController(AppAccess access, HealthChecks checks, ChangeFeed feed) {
        this.access = access;
        this.checks = checks;
        this.feed = feed;
    }

    @GetMapping("/v1/apps/{app}/healthchecks")
    @Transactional(readOnly = true)
    List<HealthCheckSetting> list(@PathVariable String app, HttpServletRequest request) {
        return checks.forApp(access.find(app, CurrentUser.of(request)).getId());
    }

    @PostMapping("/v1/apps/{app}/healthchecks")
    @Transactional
    HealthCheckSetting set(@PathVariable String app, @RequestBody HealthCheckSetting body, HttpServletRequest request) {
        App found = access.find(app, CurrentUser.of(request));
        String problem = problem(body);
        if (problem != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
        }
        checks.set(found.getId(), body);
        feed.bump();
        return body;
    }

    static String problem(HealthCheckSetting s) {
        if (s.processType() == null || !s.processType().matches("[a-z][a-z0-9_-]*")) {
            return "Give the process type the check is for, e.g. web.";
        }
        if (s.path() == null || !s.path().matches("/[\\x21-\\x7e]*")) {
            return "The path must start with / and hold no spaces, e.g. /health.";
        }
        if (s.timeoutSeconds() < 1 || s.timeoutSeconds() > 60) {
            return "The timeout must be from 1 to 60 seconds.";
        }
        if (s.attempts() < 1 || s.attempts() > 600) {
            return "Attempts must be from 1 to 600.";
        }
        if (s.content() != null && (s.content().isEmpty() || s.content().length() > 1024)) {
            return "The content to expect must be 1 to 1024 characters.";
        }
        return null;
    }
}
