package dev.paas.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls the controller's /v1 API. One instance per base URL and token.
 *
 * <p>Through {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: building an HttpClient sets up
 * TLS (the default SSLContext and its trust store) and a selector thread even for plain http, about a third of a
 * short command's CPU time. TLS is set up only for an https controller: with the {@link CaCertificates} given, which
 * are then the only ones trusted, else the JVM's trust store; hostname checks are HttpsURLConnection's own.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // DELETE /v1/apps/{app} answers only once every router stopped routing the app; a rollout can take minutes.
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final String baseUrl;
    private final String token;
    private final String userAgent;
    private final CaCertificates ca;

    /**
     * @param baseUrl the controller, e.g. {@code http://controller:8000} (no trailing slash)
     * @param token   the bearer token, or null for {@code POST /v1/login}
     * @param ca      the only certificates trusted for an https controller, or null for the JVM's trust store
     */
    public ApiClient(String baseUrl, String token, String userAgent, CaCertificates ca) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.userAgent = userAgent;
        this.ca = ca;
    }

    public ApiClient(String baseUrl, String token, String userAgent) {
        this(baseUrl, token, userAgent, null);
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

    public <T> T put(String path, Object body, Class<T> type) {
        return read(send("PUT", path, body), Json.mapper().constructType(type));
    }

    /** POSTs {@code body} and hands each line of the answer to {@code lines} as it arrives (streamed answers). */
    public void postForLines(String path, Object body, Consumer<String> lines) {
        HttpURLConnection connection = open("POST", path, body);
        try (InputStream answer = connection.getInputStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(answer, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new ApiException("The connection to the controller broke: " + e.getMessage(), e);
        }
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** GETs {@code path} and copies the answer's bytes to {@code out} as they arrive (a backup's dump). */
    public void download(String path, java.io.OutputStream out) {
        HttpURLConnection connection = open("GET", path, null);
        try (InputStream answer = connection.getInputStream()) {
            answer.transferTo(out);
        } catch (IOException e) {
            throw new ApiException("The download from the controller broke: " + e.getMessage(), e);
        }
    }

    /** DELETEs and reads the answer (a removal that made a release says which). */
    public <T> T delete(String path, Class<T> type) {
        return read(send("DELETE", path, null), Json.mapper().constructType(type));
    }

    private byte[] send(String method, String path, Object body) {
        HttpURLConnection connection = open(method, path, body);
        try (InputStream answer = connection.getInputStream()) {
            return answer.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new ApiException("The controller at " + baseUrl + " did not answer in time.", e);
        } catch (IOException e) {
            throw new ApiException("Cannot talk to the controller at " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    /** Sends the request and reads the status; an error status becomes an {@link ApiException}. */
    private HttpURLConnection open(String method, String path, Object body) {
        byte[] json = body == null ? null : write(body);
        try {
            // No proxy, as before with HttpClient's default: the controller is reached directly.
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            if (ca != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(ca.socketFactory());
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", userAgent);
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (json != null) {
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                // Streaming keeps HttpURLConnection from silently sending a request again when the answer fails to
                // arrive (a config:set must not make two releases). It drops a 401's body, though, so the login
                // (the only request without a token, harmless to repeat) is buffered to show the server's reason.
                if (token != null) {
                    connection.setFixedLengthStreamingMode(json.length);
                }
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(json);
                }
            }
            int status = connection.getResponseCode();
            if (status >= 400) {
                throw failure(status, errorBody(connection), method, path);
            }
            return connection;
        } catch (ConnectException e) {
            throw new ApiException("Cannot reach the controller at " + baseUrl + ": is it running?", e);
        } catch (SocketTimeoutException e) {
            throw new ApiException("The controller at " + baseUrl + " did not answer in time.", e);
        } catch (SSLException e) {
            throw tlsFailure(e);
        } catch (IOException e) {
            throw new ApiException("Cannot talk to the controller at " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    /** A failed TLS handshake, said so that the user knows what to do: most often, give the platform's CA. */
    private ApiException tlsFailure(SSLException e) {
        String login = "paas login " + baseUrl + " --ca FILE (the platform's CA: " + CaCertificates.CLUSTER_CA
                + " on the controller's host)";
        if (hasCause(e, CertPathBuilderException.class)) {
            String why = ca == null ? "that this cli does not trust: if the platform's own CA signed it, log in with "
                    : "that " + ca.source() + " did not sign: log in with ";
            return new ApiException("The controller at " + baseUrl + " presented a certificate " + why + login + ".", e);
        }
        String reason = innermostMessage(e);
        if (hasCause(e, CertPathValidatorException.class)) {
            return new ApiException("The controller at " + baseUrl + " presented a certificate that is not valid ("
                    + reason + "): renew it, or log in with " + login + ".", e);
        }
        if (hasCause(e, CertificateException.class) && reason.startsWith("No ")) {
            // "No subject alternative names matching IP address 10.0.0.1 found": hostname checks stay on.
            return new ApiException("The controller's certificate is not made for the address in " + baseUrl + " ("
                    + reason + "): use the address it was made for.", e);
        }
        return new ApiException("TLS with the controller at " + baseUrl + " failed: " + reason
                + " (does it serve HTTPS on that port?)", e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String innermostMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static byte[] errorBody(HttpURLConnection connection) throws IOException {
        try (InputStream error = connection.getErrorStream()) {
            return error == null ? new byte[0] : error.readAllBytes();
        }
    }

    private static byte[] write(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
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
}
