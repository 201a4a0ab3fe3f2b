package dev.paas.controller.dashboard;

import java.security.Principal;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Every form of the app page acts on an app the user may see. Checked before the form's action runs (and before its
 * fields are read), so a form sent for someone else's app, or a missing one, changes nothing and is the 404 page,
 * not a redirect to a page that does not exist.
 */
@ControllerAdvice(assignableTypes = {DashboardActions.class, DashboardAddons.class})
class FormAccess {

    private final DashboardQueries queries;

    FormAccess(DashboardQueries queries) {
        this.queries = queries;
    }

    @ModelAttribute
    void mayChange(@PathVariable(required = false) String app, Principal principal) {
        if (app != null) {
            queries.app(app, principal);
        }
    }
}
