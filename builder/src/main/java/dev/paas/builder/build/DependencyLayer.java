package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory of the build cache that a buildpack asks to ship as its own image layer (a platform extension
 * of the buildpack API), so that a push which leaves the dependencies alone reuses that layer as it is:
 * nothing copied into the slug, tarred, committed or pushed again. bin/compile asks by writing one line
 * {@code SOURCE TARGET KEY} to {@code BUILD_DIR/.paas/dependency-layer}: SOURCE is a directory under
 * CACHE_DIR, TARGET where it goes under BUILD_DIR (it must not be there), KEY anything that changes
 * whenever SOURCE's content does (a hash of the lockfile, say).
 */
record DependencyLayer(String source, String target, String key) {

    static final String FILE = ".paas/dependency-layer";

    /** One path segment or more, relative, without "." or ".." segments. */
    private static final Pattern RELATIVE = Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*");

    /**
     * Reads and removes the request from the compiled app, if there is one.
     *
     * @throws BuildFailedException when the request is malformed or names a directory that is not there
     */
    static Optional<DependencyLayer> take(Path app, Path cacheDir) throws IOException, BuildFailedException {
        Path file = app.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        Files.delete(file);
        try (var left = Files.list(file.getParent())) {
            if (left.findAny().isEmpty()) {
                Files.delete(file.getParent());
            }
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 3 || !RELATIVE.matcher(parts[0]).matches() || !RELATIVE.matcher(parts[1]).matches()) {
            throw new BuildFailedException("The buildpack wrote a malformed " + FILE + " (want 'SOURCE TARGET KEY',"
                    + " relative paths): " + line);
        }
        DependencyLayer layer = new DependencyLayer(parts[0], parts[1], parts[2]);
        if (!Files.isDirectory(cacheDir.resolve(layer.source()))) {
            throw new BuildFailedException("The buildpack asked for " + layer.source()
                    + " of the cache as a layer, but the cache has no such directory.");
        }
        if (Files.exists(app.resolve(layer.target()))) {
            throw new BuildFailedException("The buildpack asked for a layer at " + layer.target()
                    + ", but the app has that path already.");
        }
        return Optional.of(layer);
    }
}
