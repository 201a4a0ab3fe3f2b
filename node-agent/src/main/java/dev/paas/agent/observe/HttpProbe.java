package dev.paas.agent.observe;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/** Whether {@code GET path} on a container's own address answers 2xx or 3xx in time. */
@FunctionalInterface
public interface HttpProbe {

    boolean healthy(String host, int port, String path, int timeoutMillis);

    /** A real request; redirects are not followed, since a 3xx already counts as healthy. */
    static HttpProbe http() {
        return (host, port, path, timeoutMillis) -> {
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) URI.create("http://" + host + ":" + port + path).toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(timeoutMillis);
                connection.setReadTimeout(timeoutMillis);
                int status = connection.getResponseCode();
                return status >= 200 && status < 400;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        };
    }
}
