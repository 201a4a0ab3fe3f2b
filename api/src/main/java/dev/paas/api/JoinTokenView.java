package dev.paas.api;

/** A new join token: shown once, only its hash is kept. */
public record JoinTokenView(String formation, String layer, String token) {
}
