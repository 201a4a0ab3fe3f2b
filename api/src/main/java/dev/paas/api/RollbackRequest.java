package dev.paas.api;

/** @param version the release to go back to; null for the one before the current release */
public record RollbackRequest(Integer version) {
}
