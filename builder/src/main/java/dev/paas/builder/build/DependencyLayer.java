package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A directory of the build cache that a buildpack asks to ship as its own image layer (a platform extension
 * of the buildpack API), so that a push which leaves the dependencies alone reuses that layer as it is:
 * nothing copied into the slug, tarred, committed or pushed again. bin/compile asks by writing a line
 * {@code SOURCE TARGET KEY} to {@code BUILD_DIR/.paas/dependency-layer}: SOURCE is a directory under
 * CACHE_DIR, TARGET where it goes under BUILD_DIR (it must not be there), KEY anything that changes
 * whenever SOURCE's content does (a hash of the lockfile, say). Up to {@link #MAX_LAYERS} lines, each a layer
 * on the one before: the ones that change least go first (a runtime before the packages), so that a change of
 * the packages reuses the runtime's layer.
 */
record DependencyLayer(String source, String target, String key) {

    static final String FILE = ".paas/dependency-layer";
    static final int MAX_LAYERS = 4;

    /** One path segment or more, relative, without "." or ".." segments. */
    private static final Pattern RELATIVE = Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*");

    /**
     * Reads and removes the requests from the compiled app, if there are any. Both trees were written by the build:
     * the request, SOURCE and TARGET are looked up without following links out of them (see {@link BuildTree}).
     *
     * @return the requests in the order the file lists them, each SOURCE a real directory of the cache (no link on
     *         the way); empty without a file
     * @throws BuildFailedException when a request is malformed, leads outside, names a directory that is not
     *                              there, or two targets overlap
     */
    static List<Request> take(Path app, Path cacheDir) throws IOException, BuildFailedException {
        BuildTree appTree = new BuildTree(app, "the app");
        var file = appTree.regularFile(FILE);
        if (file.isEmpty()) {
            return List.of();
        }
        String text = appTree.readText(FILE, BuildTree.MAX_FILE_BYTES).orElse("").strip();
        Files.delete(file.get());
        Path dotPaas = app.toRealPath().resolve(".paas");
        if (file.get().getParent().equals(dotPaas)) {
            try (var left = Files.list(dotPaas)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dotPaas);
                }
            }
        }
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.size() > MAX_LAYERS) {
            throw new BuildFailedException("The buildpack asked for " + lines.size() + " dependency layers in " + FILE
                    + "; at most " + MAX_LAYERS + " are allowed.");
        }
        List<Request> requests = new ArrayList<>();
        for (String line : lines.isEmpty() ? List.of("") : lines) {
            DependencyLayer layer = parse(line);
            for (Request earlier : requests) {
                if (overlap(earlier.layer().target(), layer.target())) {
                    throw new BuildFailedException("The buildpack asked for layers at " + earlier.layer().target()
                            + " and " + layer.target() + ": one would hide the other.");
                }
            }
            var source = new BuildTree(cacheDir, "the build cache").directory(layer.source());
            if (source.isEmpty()) {
                throw new BuildFailedException("The buildpack asked for " + layer.source()
                        + " of the cache as a layer, but the cache has no such directory.");
            }
            if (appTree.has(layer.target())) {
                throw new BuildFailedException("The buildpack asked for a layer at " + layer.target()
                        + ", but the app has that path already.");
            }
            requests.add(new Request(layer, source.get()));
        }
        return requests;
    }

    private static DependencyLayer parse(String line) throws BuildFailedException {
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 3 || !RELATIVE.matcher(parts[0]).matches() || !RELATIVE.matcher(parts[1]).matches()) {
            throw new BuildFailedException("The buildpack wrote a malformed " + FILE + ": want lines"
                    + " 'SOURCE TARGET KEY', SOURCE and TARGET relative paths without '.' or '..'.");
        }
        return new DependencyLayer(parts[0], parts[1], parts[2]);
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    /** A layer asked for, and its SOURCE as found: a real directory inside the cache. */
    record Request(DependencyLayer layer, Path source) {
    }
}
