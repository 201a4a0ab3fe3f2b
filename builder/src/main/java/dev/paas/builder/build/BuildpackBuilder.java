package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.paas.builder.buildpack.BuildSpace;
import dev.paas.builder.buildpack.BuildpackRunner;
import dev.paas.builder.buildpack.BuiltinBuildpacks;

/**
 * Builds an app with the Heroku buildpack API: export the commit, compile it with buildpacks in a build
 * stack container (see {@link BuildpackRunner}), then layer the compiled app (the slug) on the run image the
 * buildpack asks for, and push it to the cluster registry.
 */
public final class BuildpackBuilder implements Builder, AutoCloseable {

    public static final String RUN_IMAGE = "paas/stack-run:bookworm";
    public static final int PORT = 5000;

    private static final String INDENT = DockerOutput.INDENT;

    /** Dependency images are local to the build host: {@code paas-deps/<app>:<hash>}. */
    public static final String DEPENDENCY_REPOSITORY = "paas-deps/";

    private final SourceExporter exporter = new SourceExporter();
    private final DockerClient docker;
    private final ImagePublisher publisher;
    private final SlugImage slugs;
    private final BuildpackRunner runner;
    private final BuildCache cache;
    private final BuildLimits limits;

    /**
     * @param docker   the engine that builds and pushes; the caller owns it and closes it
     * @param workRoot this builder's own directory for the builds in progress and those made ready ahead (each
     *                 app's next build container is started after its push, see {@link #pushEnded}): emptied now,
     *                 with what an earlier builder using it left
     */
    public BuildpackBuilder(DockerClient docker, BuildCache cache, Path workRoot) {
        this(docker, cache, workRoot, BuildLimits.defaults());
    }

    /** @param limits of each build (see {@link BuildLimits}) */
    public BuildpackBuilder(DockerClient docker, BuildCache cache, Path workRoot, BuildLimits limits) {
        this(docker, BuildpackRunner.STACK_IMAGE, BuiltinBuildpacks.extract(), cache, workRoot, limits);
    }

    public BuildpackBuilder(DockerClient docker, String stackImage, BuiltinBuildpacks builtins, BuildCache cache,
                            Path workRoot) {
        this(docker, stackImage, builtins, cache, workRoot, BuildLimits.defaults());
    }

    public BuildpackBuilder(DockerClient docker, String stackImage, BuiltinBuildpacks builtins, BuildCache cache,
                            Path workRoot, BuildLimits limits) {
        this.docker = docker;
        this.publisher = new ImagePublisher(docker);
        this.slugs = new SlugImage(docker);
        this.runner = new BuildpackRunner(docker, stackImage, builtins, workRoot, limits);
        this.cache = cache;
        this.limits = limits;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException {
        long started = System.nanoTime();
        Deadline deadline = Deadline.start(limits);
        Path cacheDir = cache.dirOf(request.app());
        try (BuildSpace space = runner.open(request.app(), cacheDir); BuildContext work = BuildContext.create()) {
            Path app = space.app();
            exporter.export(request.repository(), request.commit(), app, log);
            BuildpackRunner.Compiled compiled = runner.compile(space, request.config(), work.root(), log,
                    deadline);
            String runImage = compiled.runImage() != null ? compiled.runImage() : RUN_IMAGE;
            List<DependencyLayer.Request> dependencies = DependencyLayer.take(app, cacheDir);
            String baseImage = dependencyImages(request.app(), dependencies, runImage, work.root(), log);
            cache.bound(request.app(), log);
            Map<String, String> processes = processTypes(app, compiled.defaultProcessTypes(), "buildpack", log);
            String language = String.join(", ", compiled.detected());
            String defaultCommand = processes.getOrDefault("web", processes.values().iterator().next());
            Map<String, String> labels = Map.of(
                    "org.opencontainers.image.revision", request.commit().name(),
                    "paas.build.app", request.app(),
                    // Lets disk accounting tell the app's own layers from the run image's.
                    "paas.build.run-image", runImage);
            log.step("Layering the app on " + runImage + (dependencies.isEmpty() ? ""
                    : dependencies.size() == 1 ? " and its dependency layer" : " and its dependency layers"));
            Launcher.writeUnder(space.slugRoot());
            slugs.create(space.slugRoot(), baseImage, request.image(), PORT, defaultCommand,
                    labels, log);
            publisher.push(request.image(), log);
            log.step("Pushed " + request.image());
            log.line(INDENT + "Built and pushed in " + String.format(Locale.ROOT, "%.1fs",
                    (System.nanoTime() - started) / 1e9));
            return new BuildResult(request.image(), processes, PORT, language);
        } catch (IOException e) {
            throw new BuildFailedException("The builder could not read the app: " + e, e);
        }
    }

    /**
     * The push of the app is over, its release rolled out or not: the build container for the app's next build is
     * started now, in the background (not earlier, so that it does not slow the push's rollout down).
     */
    public void pushEnded(String app) {
        runner.pushEnded(app);
    }

    /** Drops what this builder made ready for the app's next build: the app was destroyed. */
    public void forget(String app) {
        runner.forget(app);
    }

    /** Removes the build containers started ahead; the Docker client stays open (the caller's). */
    @Override
    public void close() {
        runner.close();
    }

    /**
     * The run image plus the dependency layers, each an image on the one before ({@code runImage} itself without
     * any); a new one replaces the app's dependency images that are not part of this chain.
     */
    private String dependencyImages(String appName, List<DependencyLayer.Request> requests, String runImage,
                                    Path work, BuildLog log) throws BuildFailedException, IOException {
        String base = runImage;
        Set<String> chain = new HashSet<>();
        boolean made = false;
        for (int i = 0; i < requests.size(); i++) {
            Layer layer = dependencyImage(appName, requests.get(i), base, runImage,
                    work.resolve("dependency-layer-" + i), log);
            base = layer.image();
            chain.add(base);
            made |= layer.made();
        }
        if (made) {
            removeOtherDependencyImages(appName, chain);
        }
        return base;
    }

    private record Layer(String image, boolean made) {
    }

    /**
     * The image of {@code base} plus the dependency layer: the one made by an earlier build while the layer's
     * key, its directory in the cache (a cleared cache makes a new one) and the base image are unchanged, else
     * a new one.
     */
    private Layer dependencyImage(String appName, DependencyLayer.Request request, String base, String runImage,
                                  Path work, BuildLog log) throws BuildFailedException, IOException {
        DependencyLayer layer = request.layer();
        Path source = request.source();
        String identity;
        try {
            var attributes = Files.readAttributes(source, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            identity = String.join("\n", docker.inspectImageCmd(base).exec().getId(), layer.source(),
                    layer.target(), layer.key(), String.valueOf(attributes.fileKey()),
                    attributes.lastModifiedTime().toString());
        } catch (NotFoundException e) {
            throw new BuildFailedException("The image " + base
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        }
        String repository = DEPENDENCY_REPOSITORY + appName;
        String image = repository + ":" + sha256(identity).substring(0, 16);
        try {
            docker.inspectImageCmd(image).exec();
            log.step("Reusing the dependency layer of " + layer.target() + " (unchanged)");
            return new Layer(image, false);
        } catch (NotFoundException notYet) {
            log.step("Making a dependency layer of " + layer.target());
        }
        slugs.dependencies(source, layer.target(), base, image,
                Map.of("paas.build.app", appName, "paas.build.run-image", runImage),
                Files.createDirectories(work));
        return new Layer(image, true);
    }

    /** Only the newest chain can be reused; older images stay only as long as kept app images are built on them. */
    private void removeOtherDependencyImages(String appName, Set<String> chain) {
        String repository = DEPENDENCY_REPOSITORY + appName;
        for (Image old : docker.listImagesCmd().exec()) {
            for (String tag : old.getRepoTags() == null ? new String[0] : old.getRepoTags()) {
                if (tag.startsWith(repository + ":") && !chain.contains(tag)) {
                    try {
                        docker.removeImageCmd(tag).exec();
                    } catch (NotFoundException | ConflictException goneOrInUse) {
                        // left for the next build
                    }
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * The Procfile's process types when the app has one, else the defaults (of the buildpack, say). The Procfile is
     * read as the build left it: never through a link out of the app.
     */
    static Map<String, String> processTypes(Path app, Map<String, String> defaults, String defaultsFrom, BuildLog log)
            throws IOException, BuildFailedException {
        log.step("Discovering process types");
        Optional<String> procfile = new BuildTree(app, "the app").readText(Procfile.FILE_NAME, BuildTree.MAX_FILE_BYTES);
        Map<String, String> processes;
        if (procfile.isPresent()) {
            try {
                processes = Procfile.parse(procfile.get());
            } catch (IllegalArgumentException e) {
                throw new BuildFailedException(e.getMessage());
            }
            log.line(INDENT + "Procfile declares types -> " + String.join(", ", processes.keySet()));
        } else {
            processes = defaults;
            log.line(INDENT + "Default types for " + defaultsFrom + " -> " + String.join(", ", processes.keySet()));
        }
        if (processes.isEmpty()) {
            throw new BuildFailedException("No process types: add a Procfile that says how to start the app,"
                    + " e.g. 'web: python3 app.py'.");
        }
        return processes;
    }
}
