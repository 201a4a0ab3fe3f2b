package dev.paas.controller.addon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of service the platform can run: its image (built locally by deploy/lib/images.sh), port, data directory,
 * user, the config var it is attached as by default, and how its URL is written. PostgreSQL's dump and restore are
 * its own tools; the MySQL and Redis images carry {@code paas-backup} and {@code paas-restore} scripts that read the
 * credentials from the container's environment, so no secret is ever on a command line.
 */
public record AddonType(String name, String image, int port, String mountPath, String user, String defaultVar,
                        String scheme) {

    public static final AddonType POSTGRES = new AddonType("postgres", "paas/addon-postgres:15-r2", 5432,
            "/var/lib/postgresql/data", "postgres", "DATABASE", "postgres");
    /** MariaDB 10.11 (Debian's mariadb-server), attached as MYSQL_URL. */
    public static final AddonType MYSQL = new AddonType("mysql", "paas/addon-mysql:10.11-r2", 3306, "/var/lib/mysql",
            "mysql", "MYSQL", "mysql");
    /** redis-server 7.0 with one ACL user, attached as REDIS_URL. */
    public static final AddonType REDIS = new AddonType("redis", "paas/addon-redis:7-r2", 6379, "/var/lib/redis",
            "redis", "REDIS", "redis");

    static final List<AddonType> ALL = List.of(POSTGRES, MYSQL, REDIS);

    /** Where the MySQL and Redis images let their user write a dump to restore (outside the data volume). */
    private static final String SCRIPT_RESTORE_DIR = "/var/lib/paas-restore";

    public static Optional<AddonType> named(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", ALL.stream().map(AddonType::name).toList());
    }

    private boolean isPostgres() {
        return this.equals(POSTGRES);
    }

    /**
     * The service's environment: how its entrypoint learns the generated credentials and the port to listen on. The
     * port's variable is the one the type's own tools read (PostgreSQL's server and psql read PGPORT, MariaDB's
     * MYSQL_TCP_PORT), so {@code docker exec} of a dump or a client finds the server without being told.
     */
    public Map<String, String> env(Credentials credentials, int servicePort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(portVar(), Integer.toString(servicePort));
        String prefix = name.toUpperCase(java.util.Locale.ROOT);
        env.put(prefix + "_USER", credentials.username());
        env.put(prefix + "_PASSWORD", credentials.password());
        if (!this.equals(REDIS)) {
            env.put(prefix + (isPostgres() ? "_DB" : "_DATABASE"), credentials.database());
        }
        return env;
    }

    /** The variable its image's entrypoint takes the port from (deploy/images/addon-*). */
    String portVar() {
        return isPostgres() ? "PGPORT" : this.equals(MYSQL) ? "MYSQL_TCP_PORT" : "REDIS_PORT";
    }

    /**
     * The URL attached apps get, e.g. {@code postgres://u:p@postgres-amber-42:19000/db}; Redis has no database in
     * it ({@code redis://u:p@redis-amber-42:19001}, the ACL user and its password).
     */
    public String url(String host, int servicePort, Credentials credentials) {
        String base = scheme + "://" + credentials.username() + ":" + credentials.password() + "@" + host + ":"
                + servicePort;
        return this.equals(REDIS) ? base : base + "/" + credentials.database();
    }

    /** The command, run inside the service container, that writes a compressed dump of its data to stdout. */
    public List<String> dumpCommand(Credentials credentials) {
        if (!isPostgres()) {
            return List.of("paas-backup");
        }
        // Custom format: compressed, and pg_restore can replace objects one by one.
        return List.of("pg_dump", "--format=custom", "--no-owner", "-U", credentials.username(), "-d",
                credentials.database());
    }

    /** The command that replaces the service's data with the dump at {@code file} inside the container. */
    public List<String> restoreCommand(Credentials credentials, String file) {
        if (!isPostgres()) {
            return List.of("paas-restore", file);
        }
        return List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "-U",
                credentials.username(), "-d", credentials.database(), file);
    }

    /** Where a dump is copied inside the container to be restored: a directory its user may delete from. */
    public String restoreDir() {
        return isPostgres() ? "/var/lib/postgresql" : SCRIPT_RESTORE_DIR;
    }

    /** Generated per add-on; letters and digits only, so they need no escaping in a URL or a shell. */
    public record Credentials(String username, String password, String database) {
    }
}
