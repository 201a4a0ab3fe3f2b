package dev.paas.api;

/** {@code paas healthchecks:set web --path /health --timeout 2 --attempts 30}: the HTTP check of one process type. */
public record HealthCheckSetting(String processType, String path, int timeoutSeconds, int attempts) {
}
