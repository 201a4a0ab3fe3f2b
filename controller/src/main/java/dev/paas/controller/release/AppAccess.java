package dev.paas.controller.release;

import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.stereotype.Component;

/** Finds an app the user may change; answers 404 alike for missing apps and other people's. */
@Component
public class AppAccess {

    private final AppRepository apps;

    AppAccess(AppRepository apps) {
        this.apps = apps;
    }

    public App find(String name, User user) {
        return apps.findByName(name).filter(app -> app.isAccessibleBy(user))
                .orElseThrow(() -> ApiException.notFound("App '" + name + "' not found: 'paas apps' lists yours."));
    }
}
