package dev.paas.controller.web;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter every request meets (before Spring Security and {@link AuthFilter}): a path that {@link PathRules}
 * refuses answers 400 here, so no later filter or handler ever sees a path it could read differently from the next.
 * It also bounds every request's body, before anything reads it: a user's request (config, domains, keys: a config
 * is at most 32 KiB by default) to {@code paas.api.max-body} (1 MiB), a node's (log batches of up to 2,000 lines)
 * to {@code paas.api.max-node-body} (64 MiB). A declared length over the bound answers 413; a chunked body is cut
 * off at the bound, which fails the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestFirewall extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final long maxBody;
    private final long maxNodeBody;

    RequestFirewall(ObjectMapper json, @Value("${paas.api.max-body:1MB}") DataSize maxBody,
                    @Value("${paas.api.max-node-body:64MB}") DataSize maxNodeBody) {
        this.json = json;
        this.maxBody = maxBody.toBytes();
        this.maxNodeBody = maxNodeBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = PathRules.refusal(request.getRequestURI());
        if (refusal.isPresent()) {
            ErrorResponses.write(json, response, HttpServletResponse.SC_BAD_REQUEST, refusal.get());
            return;
        }
        long max = RoutedPath.of(request).isNodeEndpoint() ? maxNodeBody : maxBody;
        long length = request.getContentLengthLong();
        if (length > max) {
            ErrorResponses.write(json, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The request body"
                    + " of " + length + " bytes is over the API's limit of " + max + " bytes: nothing was changed.");
            return;
        }
        chain.doFilter(length < 0 ? new BoundedBody(request, max) : request, response);
    }
}
