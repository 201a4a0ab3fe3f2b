package dev.paas.api;

/** @param processType the type to restart, or null for all */
public record RestartRequest(String processType) {
}
