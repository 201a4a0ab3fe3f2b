package dev.paas.api;

/**
 * Create an add-on of {@code type} for {@code app} ({@code plan} and {@code as} optional), or, with {@code type}
 * null, attach an existing one to {@code app} as {@code AS_URL}.
 */
public record AddonRequest(String type, String app, String plan, String as) {
}
