package dev.paas.api;

/** @param to the app that gets the source app's current build, as its own new release with its own config */
public record PromoteRequest(String to) {
}
