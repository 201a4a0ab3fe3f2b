package dev.paas.controller.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one rule of who may act on an app, for the API, the dashboard and git push alike. The owner and admins may
 * do everything; collaborators everything but destroying the app and changing who has access. Anyone else is
 * answered as if the app did not exist (404, the same words as for a missing app), so names do not leak.
 */
@Component
public class AppAccess {

    /** What a user is to an app; an admin who owns an app is its owner. */
    public enum Role {
        OWNER, COLLABORATOR, ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AppRepository apps;
    private final CollaboratorRepository collaborators;

    AppAccess(AppRepository apps, CollaboratorRepository collaborators) {
        this.apps = apps;
        this.collaborators = collaborators;
    }

    /** Empty for a user with no access at all. */
    public Optional<Role> roleOf(App app, User user) {
        if (app.getOwner().getId().equals(user.getId())) {
            return Optional.of(Role.OWNER);
        }
        if (user.isAdmin()) {
            return Optional.of(Role.ADMIN);
        }
        return collaborators.existsByAppIdAndUserId(app.getId(), user.getId())
                ? Optional.of(Role.COLLABORATOR) : Optional.empty();
    }

    /** The app if the user owns it, collaborates on it or is an admin. */
    public Optional<App> visible(String name, User user) {
        return apps.findByName(name).filter(app -> roleOf(app, user).isPresent());
    }

    /** An app the user may work on (push, deploy, configure, scale, logs...); 404 otherwise. */
    public App find(String name, User user) {
        return visible(name, user).orElseThrow(() -> notFound(name));
    }

    /**
     * An app the user owns or administers, for what only they may do; a collaborator is told who may (403), anyone
     * else gets the 404 of {@link #find}.
     *
     * @param action what was refused, e.g. "destroy it"
     */
    public App findOwned(String name, User user, String action) {
        App app = find(name, user);
        if (roleOf(app, user).orElseThrow() == Role.COLLABORATOR) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only " + app.getOwner().getUsername() + ", who owns " + name
                    + ", or an admin may " + action + ": you are a collaborator.");
        }
        return app;
    }

    /** The apps a user sees in 'paas apps' and on the dashboard: all of them for an admin. */
    public List<App> listFor(User user) {
        return user.isAdmin() ? apps.findAllByOrderByName() : collaborators.appsOf(user.getId());
    }

    public static ApiException notFound(String name) {
        return ApiException.notFound("App '" + name + "' not found: 'paas apps' lists yours.");
    }
}
