package dev.paas.controller.addon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of service the platform can run: its image (built locally by deploy/lib/images.sh), port, data directory,
 * user, the config var it is attached as by default, and how its URL is written.
 */
public record AddonType(String name, String image, int port, String mountPath, String user, String defaultVar,
                        String scheme) {

    public static final AddonType POSTGRES = new AddonType("postgres", "paas/addon-postgres:15", 5432,
            "/var/lib/postgresql/data", "postgres", "DATABASE", "postgres");

    static final List<AddonType> ALL = List.of(POSTGRES);

    public static Optional<AddonType> named(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", ALL.stream().map(AddonType::name).toList());
    }

    /** The service's environment: how its entrypoint learns the generated credentials. */
    public Map<String, String> env(Credentials credentials) {
        Map<String, String> env = new LinkedHashMap<>();
        if ("postgres".equals(name)) {
            env.put("POSTGRES_USER", credentials.username());
            env.put("POSTGRES_PASSWORD", credentials.password());
            env.put("POSTGRES_DB", credentials.database());
        }
        return env;
    }

    /** The URL attached apps get, e.g. {@code postgres://u:p@postgres-amber-42:5432/db}. */
    public String url(String host, Credentials credentials) {
        return scheme + "://" + credentials.username() + ":" + credentials.password() + "@" + host + ":" + port
                + "/" + credentials.database();
    }

    /** The command, run inside the service container, that writes a compressed dump of its data to stdout. */
    public java.util.List<String> dumpCommand(Credentials credentials) {
        // Custom format: compressed, and pg_restore can replace objects one by one.
        return List.of("pg_dump", "--format=custom", "--no-owner", "-U", credentials.username(), "-d",
                credentials.database());
    }

    /** The command that replaces the service's data with the dump at {@code file} inside the container. */
    public java.util.List<String> restoreCommand(Credentials credentials, String file) {
        return List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "-U",
                credentials.username(), "-d", credentials.database(), file);
    }

    /** Where a dump is copied inside the container to be restored: a directory its user may delete from. */
    public String restoreDir() {
        return "/var/lib/postgresql";
    }

    /** Generated per add-on; letters and digits only, so they need no escaping in a URL or a shell. */
    public record Credentials(String username, String password, String database) {
    }
}
