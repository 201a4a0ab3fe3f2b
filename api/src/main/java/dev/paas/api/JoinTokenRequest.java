package dev.paas.api;

/** @param layer {@code runtime} (node-agents) or {@code proxy} (routers) */
public record JoinTokenRequest(String layer) {
}
