package dev.paas.controller.config;

import java.util.Map;
import java.util.TreeMap;

import dev.paas.api.ConfigChangeResult;
import dev.paas.api.ConfigUpdate;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.user.User;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An app's config vars. Each change is a new release from the current build, rolled out before the answer. */
@RestController
class ConfigController {

    private final AppAccess access;
    private final ConfigChanges changes;

    ConfigController(AppAccess access, ConfigChanges changes) {
        this.access = access;
        this.changes = changes;
    }

    @GetMapping("/v1/apps/{app}/config")
    @Transactional(readOnly = true)
    Map<String, String> config(@PathVariable String app, HttpServletRequest request) {
        return new TreeMap<>(access.find(app, CurrentUser.of(request)).getConfig());
    }

    @PostMapping("/v1/apps/{app}/config")
    ConfigChangeResult change(@PathVariable String app, @RequestBody ConfigUpdate update, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        return changes.change(access.find(app, user), user, update);
    }
}
