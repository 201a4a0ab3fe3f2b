package dev.paas.builder.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Per-app build caches (CACHE_DIR: node_modules, ~/.m2, Go's caches, pip's cache) under one root, each
 * bounded: a cache that grows past the limit is emptied after the build, so the next build starts cold
 * rather than the disk filling up. Emptying whole is simpler and safer than evicting parts of a tool's cache.
 */
public final class BuildCache {

    private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Path root;
    private final long maxBytes;

    public BuildCache(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    public Path dirOf(String app) {
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("Not an app name: " + app);
        }
        return root.resolve(app);
    }

    /** Bytes the app's cache holds (0 when it has none). */
    public long size(String app) {
        Path dir = dirOf(app);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total.addAndGet(attrs.size());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total.get();
    }

    /** Empties the app's cache (the directory stays: a build container started ahead has it mounted). */
    public void clear(String app) {
        Path dir = dirOf(app);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            FileTrees.empty(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the app's cache directory itself (the app is gone). */
    public void remove(String app) {
        clear(app);
        try {
            Files.deleteIfExists(dirOf(app));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void bound(String app, BuildLog log) {
        long size = size(app);
        if (size > maxBytes) {
            clear(app);
            log.line(" !     The build cache held " + mib(size) + ", over its " + mib(maxBytes)
                    + " limit: emptied; the next build starts cold.");
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
