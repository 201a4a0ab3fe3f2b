package dev.paas.controller.access;

import java.util.List;

import dev.paas.api.AccessRequest;
import dev.paas.api.AccessView;
import dev.paas.controller.user.User;
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

/**
 * 'paas access', 'access:add', 'access:remove'. Anyone who may work on the app sees who else may (as on Heroku);
 * only the owner or an admin changes it, so a collaborator cannot let others in nor lock the owner's team out.
 */
@RestController
class AccessController {

    private static final String CHANGE = "change who has access to it";

    private final AppAccess access;
    private final AppCollaborators collaborators;

    AccessController(AppAccess access, AppCollaborators collaborators) {
        this.access = access;
        this.collaborators = collaborators;
    }

    @GetMapping("/v1/apps/{app}/access")
    List<AccessView> list(@PathVariable String app, HttpServletRequest request) {
        return collaborators.list(access.find(app, CurrentUser.of(request)));
    }

    @PostMapping("/v1/apps/{app}/access")
    @ResponseStatus(HttpStatus.CREATED)
    AccessView add(@PathVariable String app, @RequestBody AccessRequest body, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        return collaborators.add(access.findOwned(app, user, CHANGE), body.username(), user);
    }

    @DeleteMapping("/v1/apps/{app}/access/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String app, @PathVariable String username, HttpServletRequest request) {
        User user = CurrentUser.of(request);
        collaborators.remove(access.findOwned(app, user, CHANGE), username, user);
    }
}
