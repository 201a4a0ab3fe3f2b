package dev.paas.cli.config;

/**
 * What {@code paas login} saves.
 *
 * @param url      the controller's base URL, e.g. {@code http://controller:8000}
 * @param token    the login token, or null after {@code paas logout}
 * @param username who the token belongs to
 */
public record PaasConfig(String url, String token, String username) {

    public boolean loggedIn() {
        return url != null && token != null && !token.isBlank();
    }

    public PaasConfig withoutToken() {
        return new PaasConfig(url, null, username);
    }
}
