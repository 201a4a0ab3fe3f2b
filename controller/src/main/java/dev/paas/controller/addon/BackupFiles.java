package dev.paas.controller.addon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.paas.controller.PaasProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where dumps are kept on the controller's host: {@code paas.addons.backup-dir} (default {@code <shared-dir>/backups}, the data directory unless several controllers share one),
 * one file per backup named by its id only, so no user input ever reaches a path. A dump is written aside and
 * renamed into place once complete.
 */
@Component
class BackupFiles {

    private final Path dir;

    BackupFiles(PaasProperties properties, @Value("${paas.addons.backup-dir:}") String backupDir) {
        this.dir = backupDir.isBlank() ? properties.shared().resolve("backups") : Path.of(backupDir);
    }

    Path file(long id) {
        return dir.resolve(id + ".dump");
    }

    /** Writes through {@code writer} into a file aside, then moves it into place; answers its size. */
    long write(long id, IoConsumer<OutputStream> writer) throws IOException {
        Files.createDirectories(dir);
        Path partial = dir.resolve(id + ".dump.partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.accept(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(file(id));
    }

    /** The dump of a succeeded backup, a regular file (never a link) inside the directory. */
    Path existing(long id) throws IOException {
        Path file = file(id);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the dump of backup " + id + " is missing from " + dir);
        }
        return file;
    }

    void delete(long id) throws IOException {
        Files.deleteIfExists(file(id));
    }

    interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
