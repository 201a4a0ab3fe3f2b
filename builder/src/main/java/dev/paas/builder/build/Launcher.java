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

    static void writeInto(Path contextRoot) throws IOException {
        Path file = contextRoot.resolve(FILE_NAME);
        Files.writeString(file, SCRIPT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
