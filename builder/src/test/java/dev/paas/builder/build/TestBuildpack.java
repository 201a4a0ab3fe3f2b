package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a small buildpack to disk: a detect that always passes, the given compile body, one process type. */
final class TestBuildpack {

    private TestBuildpack() {
    }

    static void write(Path dir, String name, String compileBody, String process) throws IOException {
        script(dir.resolve("bin/detect"), "echo " + name + "\n");
        script(dir.resolve("bin/compile"), "set -e\n" + compileBody);
        script(dir.resolve("bin/release"), "echo '---'\necho 'default_process_types:'\necho '  " + process + "'\n");
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
