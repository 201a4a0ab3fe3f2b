package dev.paas.controller.dashboard;

import dev.paas.controller.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A page the dashboard cannot show (no such app, someone else's) is an error page with one line, not JSON. */
@ControllerAdvice(assignableTypes = {DashboardPages.class, DashboardActions.class, LiveLogs.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e) {
        ModelAndView page = new ModelAndView("dashboard/error");
        page.setStatus(e.status());
        page.addObject("message", e.getMessage());
        return page;
    }
}
