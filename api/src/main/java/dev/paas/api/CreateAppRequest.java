package dev.paas.api;

public record CreateAppRequest(String name) {
}
