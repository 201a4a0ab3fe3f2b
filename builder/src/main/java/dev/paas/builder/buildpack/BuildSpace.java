package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import dev.paas.builder.build.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of one buildpack build of one app: a directory of its own holding {@code slug/app} (BUILD_DIR,
 * compiled in place; {@code slug} is what the app's image is made from) and {@code env} (ENV_DIR, kept out of the
 * slug), the app's cache directory, and the build container when one was started ahead for it
 * ({@link WarmBuildContainers}). Both directories exist and are empty until the build fills them.
 */
public final class BuildSpace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BuildSpace.class);

    private final String app;
    private final Path dir;
    private final Path cacheDir;
    private final Consumer<BuildSpace> onClose;
    private BuildContainer started;
    private boolean customBuildpacks;

    /** @param onClose told once the build is over (its directory is gone by then) */
    BuildSpace(String app, Path dir, Path cacheDir, Consumer<BuildSpace> onClose) throws IOException {
        this.app = app;
        this.dir = dir;
        this.cacheDir = cacheDir;
        this.onClose = onClose;
        Files.createDirectories(app());
        Files.createDirectories(env());
    }

    /** Where the pushed tree goes, and the slug once compiled. */
    public Path app() {
        return slugRoot().resolve("app");
    }

    /** Holds {@code app} and nothing else until the slug's image is made from it. */
    public Path slugRoot() {
        return dir.resolve("slug");
    }

    Path env() {
        return dir.resolve("env");
    }

    Path cacheDir() {
        return cacheDir;
    }

    String appName() {
        return app;
    }

    /** Whether the build chose buildpacks of its own, which no container started ahead has mounted. */
    boolean customBuildpacks() {
        return customBuildpacks;
    }

    /** The container started ahead for this build, or null. */
    BuildContainer started() {
        return started;
    }

    void attach(BuildContainer container) {
        started = container;
    }

    /**
     * The container started ahead for this build, from now on the caller's to close; null when there is none, or
     * when {@code custom} buildpacks need mounts of their own (the one started ahead is then removed).
     */
    BuildContainer takeStarted(List<Buildpack> custom) {
        BuildContainer container = started;
        started = null;
        if (!custom.isEmpty()) {
            customBuildpacks = true;
            if (container != null) {
                container.close();
            }
            return null;
        }
        return container;
    }

    /** Removes the container (if still here) and the directory, without telling anyone: the build never ran. */
    void discard() {
        if (started != null) {
            started.close();
            started = null;
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete the build directory {}", dir, e);
        }
    }

    /** The build is over. */
    @Override
    public void close() {
        discard();
        onClose.accept(this);
    }
}
