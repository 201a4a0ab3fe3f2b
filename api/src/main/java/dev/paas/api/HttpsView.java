package dev.paas.api;

/**
 * An app's HTTPS settings. {@code redirect}: plain HTTP requests to a host name served over HTTPS are redirected there.
 * {@code hsts}: HTTPS answers carry Strict-Transport-Security.
 */
public record HttpsView(String app, boolean redirect, boolean hsts) {
}
