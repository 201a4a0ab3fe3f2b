package dev.paas.api;

/**
 * {@code paas maintenance} and {@code paas limits}: an app's edge settings as the API shows them. The maintenance
 * page itself is not repeated here, only whether the app has its own and its size. Limits are the effective values,
 * {@code *Default} says whether each is the platform's default.
 */
public record EdgeView(String app, boolean maintenance, boolean customPage, int pageBytes, int maxBodyMb,
                       boolean maxBodyDefault, int readTimeoutSeconds, boolean readTimeoutDefault) {
}
