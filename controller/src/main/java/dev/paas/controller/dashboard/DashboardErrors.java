package dev.paas.controller.dashboard;

import dev.paas.controller.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever goes wrong behind a dashboard page comes back to the browser as an HTML page with one line, never JSON,
 * a stack trace or an exception's own text: a page that does not exist (no such app, someone else's, a build id that
 * is not a number) is a 404, a malformed request a 400, and anything unexpected a 500 whose cause is logged.
 */
@ControllerAdvice(basePackageClasses = DashboardErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    private static final Logger log = LoggerFactory.getLogger(DashboardErrors.class);

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletResponse response) {
        return page(e.status(), e.getMessage(), response);
    }

    /** A path segment of the wrong type is a page that does not exist; a form field or header of it, a bad request. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mistyped(MethodArgumentTypeMismatchException e, HttpServletResponse response) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return page(HttpStatus.NOT_FOUND, "Page not found: '" + e.getValue() + "' is not a valid " + e.getName() + ".",
                    response);
        }
        return page(HttpStatus.BAD_REQUEST, "Bad request: '" + e.getValue() + "' is not a valid " + e.getName() + ".",
                response);
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ModelAndView missing(MissingRequestValueException e, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, "Bad request: the form was sent without a field it needs; reload the page"
                + " and try again.", response);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof AsyncRequestNotUsableException) {
            return new ModelAndView(); // the browser went away from a live log: nobody to answer
        }
        if (e instanceof ErrorResponse spring) {
            // Spring MVC's own refusals (wrong method, media type, a timed-out stream): their status, one line
            HttpStatusCode status = spring.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            return page(status, "The request was refused: " + (known == null ? status : known.getReasonPhrase()) + ".",
                    response);
        }
        log.error("Dashboard request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on the controller; the details are in its log.", response);
    }

    private static ModelAndView page(HttpStatusCode status, String message, HttpServletResponse response) {
        if (response.isCommitted()) {
            // a live log that already sent events cannot turn into a page
            return new ModelAndView();
        }
        ModelAndView page = new ModelAndView("dashboard/error");
        page.setStatus(status);
        page.addObject("message", message);
        return page;
    }
}
