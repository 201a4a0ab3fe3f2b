package dev.paas.api;

public record LoginRequest(String username, String password) {
}
