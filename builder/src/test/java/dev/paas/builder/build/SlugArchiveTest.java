package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlugArchiveTest {

    @TempDir
    Path root;

    @Test
    void theAppBelongsToTheAppUserTheLauncherToRootAndLinksStayLinks() throws Exception {
        Path app = Files.createDirectories(root.resolve("app/bin"));
        Files.writeString(app.getParent().resolve("app.py"), "print('hi')\n");
        Path script = Files.writeString(app.resolve("start"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("app/secret"), Path.of("/etc/shadow"));
        Launcher.writeUnder(root);

        Map<String, TarArchiveEntry> entries = read(root);

        assertThat(entries).containsOnlyKeys("app/", "app/app.py", "app/bin/", "app/bin/start", "app/secret",
                "paas/", "paas/launch");
        assertThat(entries.get("app/").getLongUserId()).isEqualTo(10000);
        assertThat(entries.get("app/app.py").getLongGroupId()).isEqualTo(10000);
        assertThat(entries.get("app/bin/start").getMode() & 07777).isEqualTo(0750);
        assertThat(entries.get("app/app.py").getSize()).isEqualTo(12);
        // The link is stored, never followed: /etc/shadow of the build host is not in the image.
        assertThat(entries.get("app/secret").isSymbolicLink()).isTrue();
        assertThat(entries.get("app/secret").getLinkName()).isEqualTo("/etc/shadow");
        assertThat(entries.get("paas/launch").getLongUserId()).isZero();
    }

    private static Map<String, TarArchiveEntry> read(Path root) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SlugArchive.write(root, out);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }
}
