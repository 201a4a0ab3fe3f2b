package dev.paas.builder.buildpack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The buildpacks shipped in this jar (resources/buildpacks), written out once to a directory on this host
 * so that they can be mounted into build containers like any other buildpack. Changing one needs no image
 * rebuild. The list order is the detection order: the most specific kinds of app first, static sites last.
 */
public final class BuiltinBuildpacks {

    /**
     * Ruby first, as on Heroku (a Rails app's package.json is for its assets); PHP next, before Node.js for the same
     * reason (a Laravel app's package.json builds its front end), where Heroku would pick Node.js.
     */
    public static final List<String> NAMES = List.of("ruby", "php", "nodejs", "python", "java", "go", "static");

    private static final List<String> SCRIPTS = List.of("bin/detect", "bin/compile", "bin/release");
    /**
     * Sourced by the buildpacks from lib/ (java.sh by java, go.sh by go, npm-registry.sh by nodejs, ruby.sh by ruby,
     * php.sh by php), or copied into the slug (heroku-php-nginx, php's web server).
     */
    private static final List<String> SHARED = List.of("lib/common.sh", "lib/java.sh", "lib/go.sh", "lib/npm-registry.sh",
            "lib/ruby.sh", "lib/php.sh", "lib/heroku-php-nginx");

    private final Path root;

    private BuiltinBuildpacks(Path root) {
        this.root = root;
    }

    /** Writes the buildpacks under a new temporary directory. */
    public static BuiltinBuildpacks extract() {
        try {
            Path root = Files.createTempDirectory("paas-buildpacks-");
            // Read and run by the build user in the build container.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String shared : SHARED) {
                copy("buildpacks/" + shared, root.resolve(shared), "rw-r--r--");
            }
            for (String name : NAMES) {
                for (String script : SCRIPTS) {
                    copy("buildpacks/" + name + "/" + script, root.resolve(name).resolve(script), "rwxr-xr-x");
                }
            }
            return new BuiltinBuildpacks(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the built-in buildpacks", e);
        }
    }

    /** The directory holding every built-in buildpack side by side (they share lib/). */
    public Path root() {
        return root;
    }

    public List<Buildpack> all() {
        List<Buildpack> all = new ArrayList<>();
        for (String name : NAMES) {
            all.add(new Buildpack(name, root.resolve(name)));
        }
        return all;
    }

    /** The built-in buildpack with this name, or null. */
    public Buildpack named(String name) {
        return NAMES.contains(name) ? new Buildpack(name, root.resolve(name)) : null;
    }

    private static void copy(String resource, Path target, String permissions) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = BuiltinBuildpacks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing resource " + resource);
            }
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions));
    }
}
