package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            FileTrees.delete(root);
        } catch (IOException e) {
            LOG.warn("Could not delete the build context {}", root, e);
        }
    }
}
