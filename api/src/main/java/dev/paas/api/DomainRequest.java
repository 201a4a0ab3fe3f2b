package dev.paas.api;

/** Adds a custom domain to an app: a plain DNS host name such as {@code www.example.com}. */
public record DomainRequest(String hostname) {
}
