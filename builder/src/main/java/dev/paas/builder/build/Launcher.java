package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The entrypoint of buildpack-built images: Heroku's run-time contract, so buildpacks' output works as on
 * Heroku. HOME is /app, the scripts buildpacks leave in /app/.profile.d are sourced (they set PATH and the
 * like), then the process's own command replaces the launcher.
 */
final class Launcher {

    static final String FILE_NAME = "launch";
    static final String PATH = "/paas/launch";

    private static final String SCRIPT = """
            #!/bin/sh
            # Written by the paas builder: sources .profile.d, then runs the process.
            cd /app
            export HOME=/app
            for f in /app/.profile.d/*.sh; do
              [ -r "$f" ] && . "$f"
            done
            exec "$@"
            """;

    private Launcher() {
    }

    /** Writes {@code paas/launch} under {@code dir}; returns the {@code paas} directory. */
    static Path writeUnder(Path dir) throws IOException {
        Path paas = Files.createDirectories(dir.resolve("paas"));
        write(paas);
        return paas;
    }

    private static void write(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, SCRIPT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
