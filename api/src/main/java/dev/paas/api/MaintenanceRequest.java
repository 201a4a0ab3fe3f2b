package dev.paas.api;

/**
 * {@code paas maintenance:on [--page FILE]} / {@code maintenance:off}. {@code page}: the app's own HTML page to answer
 * with while on; null keeps the page set before (none: the platform's page), an empty string drops it.
 */
public record MaintenanceRequest(boolean on, String page) {
}
