package dev.paas.controller.access;

import java.util.ArrayList;
import java.util.List;

import dev.paas.api.AccessView;
import dev.paas.controller.app.App;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import dev.paas.controller.web.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The list of who may work on an app; callers have already checked that the caller may read or change it. */
@Component
class AppCollaborators {

    private final CollaboratorRepository collaborators;
    private final UserRepository users;
    private final PlatformEvents events;

    AppCollaborators(CollaboratorRepository collaborators, UserRepository users, PlatformEvents events) {
        this.collaborators = collaborators;
        this.users = users;
        this.events = events;
    }

    /** The owner first, then the collaborators by name. */
    @Transactional(readOnly = true)
    List<AccessView> list(App app) {
        List<AccessView> all = new ArrayList<>();
        all.add(new AccessView(app.getOwner().getUsername(), AccessView.OWNER, app.getCreatedAt()));
        collaborators.findByAppIdOrderByUserUsername(app.getId()).forEach(c ->
                all.add(new AccessView(c.getUser().getUsername(), AccessView.COLLABORATOR, c.getCreatedAt())));
        return all;
    }

    AccessView add(App app, String username, User by) {
        User user = user(username);
        if (user.getId().equals(app.getOwner().getId())) {
            throw ApiException.conflict(username + " owns " + app.getName() + " and needs no access to it.");
        }
        if (collaborators.existsByAppIdAndUserId(app.getId(), user.getId())) {
            throw ApiException.conflict(username + " already has access to " + app.getName() + ".");
        }
        Collaborator added;
        try {
            added = collaborators.saveAndFlush(new Collaborator(app.getId(), user, by.getUsername()));
        } catch (DataIntegrityViolationException e) {
            // added at the same moment by another request, or the app was destroyed meanwhile
            throw ApiException.conflict(username + " already has access to " + app.getName() + ", or the app is gone.");
        }
        events.emit(app.getName(), "api", null, username + " given access by " + by.getUsername());
        return new AccessView(username, AccessView.COLLABORATOR, added.getCreatedAt());
    }

    @Transactional
    void remove(App app, String username, User by) {
        User user = user(username);
        Collaborator collaborator = collaborators.findByAppIdAndUserId(app.getId(), user.getId())
                .orElseThrow(() -> ApiException.notFound(username + " is not a collaborator on " + app.getName()
                        + ": 'paas access -a " + app.getName() + "' lists who is."));
        collaborators.delete(collaborator);
        events.emit(app.getName(), "api", null, username + "'s access removed by " + by.getUsername());
    }

    private User user(String username) {
        return users.findByUsername(username == null ? "" : username.strip()).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "No user '" + username + "': an admin lists them with 'paas users'."));
    }
}
