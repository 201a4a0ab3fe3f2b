package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import com.github.dockerjava.core.DefaultDockerClientConfig;

/**
 * The cluster registry's user, for a registry that demands one (deploy/lib/cluster-tls.sh makes it when the registry
 * listens beyond loopback): read from a file holding {@code USER:PASSWORD} on one line, named by
 * {@code PAAS_REGISTRY_CREDENTIALS}. A file, not the value itself, so the secret is neither in {@code ps} nor in the
 * environment that build and app containers could be handed by mistake. Never printed.
 */
public record RegistryCredentials(String username, String password) {

    public static final String ENV = "PAAS_REGISTRY_CREDENTIALS";
    private static final int MOST_BYTES = 4096;

    /** From the file {@link #ENV} names; empty when it names none (a loopback registry without login). */
    public static Optional<RegistryCredentials> fromEnvironment() {
        String file = System.getenv(ENV);
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(read(Path.of(file.strip())));
    }

    /** @throws IllegalArgumentException saying what is wrong with the file, never its content */
    public static RegistryCredentials read(Path file) {
        String text;
        try {
            if (Files.size(file) > MOST_BYTES) {
                throw new IllegalArgumentException("The registry credentials file " + file + " is too large.");
            }
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the registry credentials file " + file + ": " + e.getMessage());
        }
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1 || text.contains("\n")) {
            throw new IllegalArgumentException("The registry credentials file " + file
                    + " must hold one line USER:PASSWORD (deploy/lib/cluster-tls.sh writes it).");
        }
        return new RegistryCredentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Every push and pull through a client of this configuration then logs in (docker-java's AuthConfig). */
    public DefaultDockerClientConfig.Builder applyTo(DefaultDockerClientConfig.Builder config) {
        return config.withRegistryUsername(username).withRegistryPassword(password);
    }

    /** The value of an HTTP Authorization header for the registry's own API. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "registry user " + username;
    }
}
