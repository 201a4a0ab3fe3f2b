package dev.paas.api;

/** A user as an admin sees them: {@code apps} is how many apps they own. */
public record UserView(String username, boolean admin, long apps) {
}
