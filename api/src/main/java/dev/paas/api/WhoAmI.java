package dev.paas.api;

public record WhoAmI(String username, boolean admin) {
}
