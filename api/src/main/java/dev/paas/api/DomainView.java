package dev.paas.api;

import java.time.Instant;

/**
 * A host name an app is served under. {@code type} is {@code default} for the platform's own
 * {@code <app>.<domain>} (always there, not removable; {@code createdAt} is the app's) or {@code custom}.
 */
public record DomainView(String hostname, String type, Instant createdAt) {

    public static final String DEFAULT = "default";
    public static final String CUSTOM = "custom";
}
