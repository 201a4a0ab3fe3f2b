package dev.paas.api;

/** Gives a user access to an app as a collaborator. */
public record AccessRequest(String username) {
}
