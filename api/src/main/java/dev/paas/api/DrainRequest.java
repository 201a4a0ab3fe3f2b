package dev.paas.api;

public record DrainRequest(String node) {
}
