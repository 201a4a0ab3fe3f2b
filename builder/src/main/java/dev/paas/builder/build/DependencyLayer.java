package dev.paas.builder.build;

import java.io.IOException;
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
     * Reads and removes the request from the compiled app, if there is one. Both trees were written by the build:
     * the request, SOURCE and TARGET are looked up without following links out of them (see {@link BuildTree}).
     *
     * @return the request, with SOURCE a real directory of the cache (no link on the way)
     * @throws BuildFailedException when the request is malformed, leads outside, or names a directory that is not
     *                              there
     */
    static Optional<Request> take(Path app, Path cacheDir) throws IOException, BuildFailedException {
        BuildTree appTree = new BuildTree(app, "the app");
        Optional<Path> file = appTree.regularFile(FILE);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String line = appTree.readText(FILE, BuildTree.MAX_FILE_BYTES).orElse("").strip();
        Files.delete(file.get());
        Path dotPaas = app.toRealPath().resolve(".paas");
        if (file.get().getParent().equals(dotPaas)) {
            try (var left = Files.list(dotPaas)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dotPaas);
                }
            }
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 3 || !RELATIVE.matcher(parts[0]).matches() || !RELATIVE.matcher(parts[1]).matches()) {
            throw new BuildFailedException("The buildpack wrote a malformed " + FILE + ": want one line"
                    + " 'SOURCE TARGET KEY', SOURCE and TARGET relative paths without '.' or '..'.");
        }
        DependencyLayer layer = new DependencyLayer(parts[0], parts[1], parts[2]);
        Optional<Path> source = new BuildTree(cacheDir, "the build cache").directory(layer.source());
        if (source.isEmpty()) {
            throw new BuildFailedException("The buildpack asked for " + layer.source()
                    + " of the cache as a layer, but the cache has no such directory.");
        }
        if (appTree.has(layer.target())) {
            throw new BuildFailedException("The buildpack asked for a layer at " + layer.target()
                    + ", but the app has that path already.");
        }
        return Optional.of(new Request(layer, source.get()));
    }

    /** A layer asked for, and its SOURCE as found: a real directory inside the cache. */
    record Request(DependencyLayer layer, Path source) {
    }
}
