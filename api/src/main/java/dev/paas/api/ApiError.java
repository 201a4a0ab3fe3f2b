package dev.paas.api;

/** Body of every 4xx/5xx answer: one line a person can act on. */
public record ApiError(String message) {
}
