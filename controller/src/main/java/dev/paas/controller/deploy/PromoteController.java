package dev.paas.controller.deploy;

import dev.paas.api.PromoteRequest;
import dev.paas.api.ReleaseView;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.release.ReleaseViews;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Whoever may deploy both apps (owner, collaborator, admin) may promote one's build to the other. */
@RestController
class PromoteController {

    private final AppAccess access;
    private final Promotions promotions;

    PromoteController(AppAccess access, Promotions promotions) {
        this.access = access;
        this.promotions = promotions;
    }

    /** Answers the target's release once it serves (or failed: the target's previous release keeps serving). */
    @PostMapping("/v1/apps/{app}/promote")
    ReleaseView promote(@PathVariable String app, @RequestBody PromoteRequest body, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        App source = access.find(app, user);
        if (body == null || body.to() == null || body.to().isBlank()) {
            throw ApiException.badRequest("Name the app to promote to: {\"to\": \"APP\"}.");
        }
        App target = access.find(body.to(), user);
        return ReleaseViews.detail(promotions.promote(source, target, user));
    }
}
