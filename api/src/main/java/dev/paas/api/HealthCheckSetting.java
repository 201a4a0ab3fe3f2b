package dev.paas.api;

/**
 * {@code paas healthchecks:set web --path /health --timeout 2 --attempts 30}: the HTTP check of one process type.
 *
 * @param content text the response must hold (set from app.json's healthchecks), or null
 */
public record HealthCheckSetting(String processType, String path, int timeoutSeconds, int attempts, String content) {

    public HealthCheckSetting(String processType, String path, int timeoutSeconds, int attempts) {
        this(processType, path, timeoutSeconds, attempts, null);
    }
}
