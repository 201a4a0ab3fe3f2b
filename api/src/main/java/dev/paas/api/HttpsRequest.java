package dev.paas.api;

/**
 * {@code paas certs:https-only on|off} and {@code paas certs:hsts on|off}: a null field is left as it is.
 */
public record HttpsRequest(Boolean redirect, Boolean hsts) {
}
