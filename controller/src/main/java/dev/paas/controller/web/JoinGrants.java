package dev.paas.controller.web;

import java.util.Optional;

import dev.paas.controller.formation.JoinTokens;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The join token grant of a node or router request, put there by {@link AuthFilter}; absent when the caller
 * used the cluster's node token, which may be any node of any formation.
 */
public final class JoinGrants {

    private static final String ATTRIBUTE = "paas.join-grant";

    private JoinGrants() {
    }

    static void set(HttpServletRequest request, JoinTokens.Grant grant) {
        request.setAttribute(ATTRIBUTE, grant);
    }

    public static Optional<JoinTokens.Grant> of(HttpServletRequest request) {
        return Optional.ofNullable((JoinTokens.Grant) request.getAttribute(ATTRIBUTE));
    }
}
