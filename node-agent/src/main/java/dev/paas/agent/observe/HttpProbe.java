package dev.paas.agent.observe;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.paas.api.HealthCheck;

/**
 * Whether {@code GET path} on a container's own address answers 2xx or 3xx in time, with the check's content in
 * its body when it names one.
 */
@FunctionalInterface
public interface HttpProbe {

    /** How much of a body is searched for the content: a check's page is small, an app's answer is untrusted. */
    int MAX_BODY = 64 * 1024;

    boolean healthy(String host, int port, HealthCheck check);

    /** A real request; redirects are not followed, since a 3xx already counts as healthy. */
    static HttpProbe http() {
        return (host, port, check) -> {
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) URI.create("http://" + host + ":" + port + check.path()).toURL()
                        .openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(check.timeoutMillis());
                connection.setReadTimeout(check.timeoutMillis());
                int status = connection.getResponseCode();
                if (status < 200 || status >= 400) {
                    return false;
                }
                return check.content() == null || bodyHolds(connection, check.content());
            } catch (IOException | IllegalArgumentException e) {
                return false;
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        };
    }

    /** Reads at most {@link #MAX_BODY} bytes (each read bounded by the check's timeout) and looks for the content. */
    private static boolean bodyHolds(HttpURLConnection connection, String content) throws IOException {
        try (InputStream in = connection.getInputStream()) {
            String body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            return body.contains(content);
        }
    }
}
