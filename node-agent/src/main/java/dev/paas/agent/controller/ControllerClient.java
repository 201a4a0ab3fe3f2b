package dev.paas.agent.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.paas.api.ApiError;
import dev.paas.api.ControllerUrls;
import dev.paas.api.DesiredState;
import dev.paas.api.LogBatch;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.NodeReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to the controller's /v1/nodes endpoints: registers with the node's token (a join token or the cluster's node
 * token), then presents the credential of this node that the registration answered (see {@link NodeCredential}).
 */
public final class ControllerClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            // A newer controller may send fields this agent does not know yet.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ControllerUrls controllers;
    private final NodeCredential credential;
    private final String nodePath;

    public ControllerClient(URI controller, String token, String node) {
        this(controller, new NodeCredential(token), node);
    }

    public ControllerClient(URI controller, NodeCredential credential, String node) {
        this(ControllerUrls.of(controller), credential, node);
    }

    /** With several controllers: calls go to one of them, and move to the next when it cannot be reached. */
    public ControllerClient(ControllerUrls controllers, NodeCredential credential, String node) {
        this.controllers = controllers;
        this.credential = credential;
        this.nodePath = "v1/nodes/" + URLEncoder.encode(node, StandardCharsets.UTF_8);
    }

    /** Registers with the node's token; the credential it answers is what every later call presents. */
    public void register(NodeRegistration registration) {
        String answer = send(request("v1/nodes/register", CALL_TIMEOUT, credential.registrationToken())
                .POST(body(registration)));
        if (answer != null && !answer.isBlank()) {
            String own = read(answer, NodeRegistered.class).credential();
            if (own != null) {
                credential.set(own);
            }
        }
    }

    /** True once a registration answered this node's own credential (a controller from before them answers none). */
    public boolean hasCredential() {
        return credential.registered();
    }

    /** True when the controller refused this node's credential, to any of its clients: it must register again. */
    public boolean mustRegisterAgain() {
        return credential.lost();
    }

    /** The desired state; the controller holds the answer up to {@code waitSeconds} while it equals {@code since}. */
    public CompletableFuture<DesiredState> desired(long since, int waitSeconds) {
        HttpRequest request = request(nodePath + "/desired?since=" + since + "&wait=" + waitSeconds,
                CALL_TIMEOUT.plusSeconds(waitSeconds), credential.bearer()).GET().build();
        URI base = base(request);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    if (failure != null && unreachable(failure)) {
                        controllers.failed(base);
                    }
                })
                .thenApply(response -> read(check(response), DesiredState.class));
    }

    /** Ships container output (see the logs package). */
    public void logs(LogBatch batch) {
        send(request(nodePath + "/logs", CALL_TIMEOUT, credential.bearer()).POST(body(batch)));
    }

    public void report(NodeReport report) {
        send(request(nodePath + "/observed", CALL_TIMEOUT, credential.bearer()).PUT(body(report)));
    }

    private HttpRequest.Builder request(String path, Duration timeout, String bearer) {
        return HttpRequest.newBuilder(URI.create(controllers.current() + "/").resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
    }

    private HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            return check(http.send(request.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            URI base = base(request.build());
            controllers.failed(base);
            throw new UncheckedIOException("controller at " + base + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the controller", e);
        }
    }

    /** The controller a request went to (its URL without the path). */
    private static URI base(HttpRequest request) {
        URI uri = request.uri();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** A failure that says no controller answered there (not one that answered an error). */
    private static boolean unreachable(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof IOException;
    }

    private String check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String message = response.body();
        try {
            ApiError error = json.readValue(message, ApiError.class);
            if (error.message() != null) {
                message = error.message();
            }
        } catch (IOException e) {
            // Not our error format (a proxy, a crash page): keep the raw body.
        }
        String presented = response.request().headers().firstValue("Authorization").orElse("Bearer ").substring(7);
        throw new ControllerException(status, response.request().method() + " " + response.request().uri()
                + " answered " + status + ": " + message, status == 401 && credential.forget(presented));
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("controller sent an unreadable " + type.getSimpleName(), e);
        }
    }
}
