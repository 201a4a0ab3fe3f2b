package dev.paas.cli.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.paas.cli.http.Json;

/** Reads and writes the config file; the token in it is a secret, so the file is 0600 and a new directory 0700. */
public final class ConfigStore {

    public static final String ENV_VARIABLE = "PAAS_CONFIG";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    /** {@code $PAAS_CONFIG} when set, else {@code ~/.paas/config.json}. */
    public static Path defaultLocation(Map<String, String> environment, Path home) {
        String custom = environment.get(ENV_VARIABLE);
        if (custom != null && !custom.isBlank()) {
            return Path.of(custom);
        }
        return home.resolve(".paas").resolve("config.json");
    }

    public Path file() {
        return file;
    }

    public Optional<PaasConfig> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(file.toFile(), PaasConfig.class));
    }

    /** Writes a private temporary file next to the config and moves it into place, so a crash never leaves half a file. */
    public void save(PaasConfig config) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            createPrivateDirectories(dir);
        }
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        createPrivateFile(temp);
        Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateDirectories(parent);
        }
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // another paas process made it first: fine
        }
    }

    private static void createPrivateFile(Path path) throws IOException {
        if (posix(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(path);
        }
    }
}
