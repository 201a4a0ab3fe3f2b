package dev.paas.api;

/** @param formation the formation the app runs in, or null for the default one */
public record CreateAppRequest(String name, String formation) {

    public CreateAppRequest(String name) {
        this(name, null);
    }
}
