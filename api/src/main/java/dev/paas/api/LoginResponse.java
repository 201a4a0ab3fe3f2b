package dev.paas.api;

/** The token is shown once; the controller keeps only its hash. */
public record LoginResponse(String username, String token) {
}
