package dev.paas.controller.web;

import dev.paas.controller.user.User;
import jakarta.servlet.http.HttpServletRequest;

/** The authenticated user of a request, put there by {@link AuthFilter}. */
public final class CurrentUser {

    private static final String ATTRIBUTE = "paas.user";

    private CurrentUser() {
    }

    static void set(HttpServletRequest request, User user) {
        request.setAttribute(ATTRIBUTE, user);
    }

    public static User of(HttpServletRequest request) {
        User user = (User) request.getAttribute(ATTRIBUTE);
        if (user == null) {
            throw new IllegalStateException("No authenticated user on " + request.getRequestURI());
        }
        return user;
    }
}
