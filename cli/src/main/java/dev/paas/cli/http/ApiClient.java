package dev.paas.cli.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

/** Calls the controller's /v1 API. One instance per base URL and token; the HttpClient is made on the first call. */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // DELETE /v1/apps/{app} answers only once every router stopped routing the app.
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final String baseUrl;
    private final String token;
    private final String userAgent;
    private HttpClient http;

    /**
     * @param baseUrl the controller, e.g. {@code http://controller:8000} (no trailing slash)
     * @param token   the bearer token, or null for {@code POST /v1/login}
     */
    public ApiClient(String baseUrl, String token, String userAgent) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.userAgent = userAgent;
    }

    /** Encodes one path segment such as an app name, so user input cannot change the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public <T> T get(String path, Class<T> type) {
        return read(send("GET", path, null), Json.mapper().constructType(type));
    }

    public <T> List<T> getList(String path, Class<T> elementType) {
        JavaType listType = Json.mapper().getTypeFactory().constructCollectionType(List.class, elementType);
        List<T> list = read(send("GET", path, null), listType);
        return list == null ? List.of() : list;
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return read(send("POST", path, body), Json.mapper().constructType(type));
    }

    /** POSTs {@code body} and hands each line of the answer to {@code lines} as it arrives (streamed answers). */
    public void postForLines(String path, Object body, java.util.function.Consumer<String> lines) {
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = client().send(request("POST", path, body), HttpResponse.BodyHandlers.ofLines());
        } catch (ConnectException e) {
            throw new ApiException("Cannot reach the controller at " + baseUrl + ": is it running?", e);
        } catch (IOException e) {
            throw new ApiException("Cannot talk to the controller at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted while waiting for the controller.", e);
        }
        try (java.util.stream.Stream<String> answer = response.body()) {
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), String.join("\n", answer.toList()).getBytes(StandardCharsets.UTF_8),
                        "POST", path);
            }
            answer.forEach(lines);
        } catch (UncheckedIOException e) {
            throw new ApiException("The connection to the controller broke: " + e.getCause().getMessage(), e);
        }
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    private byte[] send(String method, String path, Object body) {
        HttpRequest request = request(method, path, body);
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ApiException("Cannot reach the controller at " + baseUrl + ": is it running?", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException("The controller at " + baseUrl + " did not answer in time.", e);
        } catch (IOException e) {
            throw new ApiException("Cannot talk to the controller at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted while waiting for the controller.", e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw failure(status, response.body(), method, path);
        }
        return response.body();
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(body);
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json)).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(byte[] body, JavaType type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ApiException("The controller at " + baseUrl + " sent an answer this cli cannot read: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException failure(int status, byte[] body, String method, String path) {
        if (status == 401 && token != null) {
            return new ApiException(status, "Your token was rejected: run paas login again");
        }
        String message = serverMessage(body);
        if (message == null) {
            message = "The controller answered HTTP " + status + " to " + method + " " + path + ".";
        } else if (status >= 500) {
            message = "The controller failed (HTTP " + status + "): " + message;
        }
        return new ApiException(status, message);
    }

    /** The {@code message} of an ApiError body, or null when the body is not one (a proxy's HTML page, say). */
    private static String serverMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode message = Json.mapper().readTree(body).path("message");
            return message.isTextual() && !message.asText().isBlank() ? message.asText().strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpClient client() {
        if (http == null) {
            // HTTP/1.1: the controller speaks nothing else, and this avoids h2c upgrade attempts on every request.
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build();
        }
        return http;
    }
}
