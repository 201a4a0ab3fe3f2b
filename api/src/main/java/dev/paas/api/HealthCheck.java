package dev.paas.api;

/**
 * An HTTP health check: {@code GET path} on the container's port must answer 2xx or 3xx within
 * {@code timeoutMillis}, and its body hold {@code content} when that is not null (app.json's Dokku checks);
 * checked about once a second, a container that fails {@code attempts} checks in a row before it was ever up is
 * reported {@link ObservedContainer#UNHEALTHY}.
 */
public record HealthCheck(String path, int timeoutMillis, int attempts, String content) {

    public HealthCheck(String path, int timeoutMillis, int attempts) {
        this(path, timeoutMillis, attempts, null);
    }
}
