package dev.paas.api;

import java.time.Instant;

/**
 * Someone who may work on an app: its {@code owner} (listed first; {@code since} is when the app was made) or a
 * {@code collaborator} (since they were added).
 */
public record AccessView(String username, String role, Instant since) {

    public static final String OWNER = "owner";
    public static final String COLLABORATOR = "collaborator";
}
