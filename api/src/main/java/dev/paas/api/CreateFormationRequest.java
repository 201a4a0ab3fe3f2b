package dev.paas.api;

public record CreateFormationRequest(String name) {
}
