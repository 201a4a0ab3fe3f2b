package dev.paas.controller.web;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter every request meets (before Spring Security and {@link AuthFilter}): a path that {@link PathRules}
 * refuses answers 400 here, so no later filter or handler ever sees a path it could read differently from the next.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestFirewall extends OncePerRequestFilter {

    private final ObjectMapper json;

    RequestFirewall(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = PathRules.refusal(request.getRequestURI());
        if (refusal.isPresent()) {
            ErrorResponses.write(json, response, HttpServletResponse.SC_BAD_REQUEST, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
