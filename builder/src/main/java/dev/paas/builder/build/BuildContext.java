package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory for one build that deletes itself; the app goes in its {@code app} subdirectory.
 */
final class BuildContext implements AutoCloseable {

    static final String APP_DIR = "app";

    private static final Logger LOG = LoggerFactory.getLogger(BuildContext.class);

    private final Path root;

    private BuildContext(Path root) {
        this.root = root;
    }

    static BuildContext create() throws IOException {
        return new BuildContext(Files.createTempDirectory("paas-build-"));
    }

    Path root() {
        return root;
    }

    /** Where the app's files go; not created yet. */
    Path app() {
        return root.resolve(APP_DIR);
    }

    /** Walks without following symlinks, so only the temporary tree itself is removed. */
    @Override
    public void close() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete the build context {}", root, e);
        }
    }
}
