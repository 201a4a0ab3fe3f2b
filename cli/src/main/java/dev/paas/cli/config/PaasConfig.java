package dev.paas.cli.config;

/**
 * What {@code paas login} saves.
 *
 * @param url      the controller's base URL, e.g. {@code http://controller:8000}
 * @param token    the login token, or null after {@code paas logout}
 * @param username who the token belongs to
 * @param ca       for an https {@code url}: the PEM certificates trusted for it instead of the JVM's trust store
 *                 ({@code paas login --ca FILE}), or null
 */
public record PaasConfig(String url, String token, String username, String ca) {

    public PaasConfig(String url, String token, String username) {
        this(url, token, username, null);
    }

    public boolean loggedIn() {
        return url != null && token != null && !token.isBlank();
    }

    public PaasConfig withoutToken() {
        return new PaasConfig(url, null, username, ca);
    }
}
