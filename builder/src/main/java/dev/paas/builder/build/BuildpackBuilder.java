package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import dev.paas.builder.buildpack.BuildpackRunner;
import dev.paas.builder.buildpack.BuiltinBuildpacks;

/**
 * Builds an app with the Heroku buildpack API: export the commit, compile it with buildpacks in a build
 * stack container (see {@link BuildpackRunner}), then layer the compiled app (the slug) on the run image the
 * buildpack asks for, and push it to the cluster registry.
 */
public final class BuildpackBuilder implements Builder {

    public static final String RUN_IMAGE = "paas/stack-run:bookworm";
    public static final int PORT = 5000;

    private static final String INDENT = DockerOutput.INDENT;

    private final SourceExporter exporter = new SourceExporter();
    private final ImagePublisher publisher;
    private final SlugImage slugs;
    private final BuildpackRunner runner;
    private final BuildCache cache;

    /** @param docker the engine that builds and pushes; the caller owns it and closes it */
    public BuildpackBuilder(DockerClient docker, BuildCache cache) {
        this(docker, BuildpackRunner.STACK_IMAGE, BuiltinBuildpacks.extract(), cache);
    }

    public BuildpackBuilder(DockerClient docker, String stackImage, BuiltinBuildpacks builtins, BuildCache cache) {
        this.publisher = new ImagePublisher(docker);
        this.slugs = new SlugImage(docker);
        this.runner = new BuildpackRunner(docker, stackImage, builtins);
        this.cache = cache;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException {
        long started = System.nanoTime();
        try (BuildContext context = BuildContext.create(); BuildContext work = BuildContext.create()) {
            Path app = context.app();
            exporter.export(request.repository(), request.commit(), app, log);
            Path cacheDir = cache.dirOf(request.app());
            BuildpackRunner.Compiled compiled = runner.compile(request.app(), app, cacheDir, request.config(),
                    work.root(), log);
            cache.bound(request.app(), log);
            Map<String, String> processes = processTypes(app, compiled.defaultProcessTypes(), "buildpack", log);
            String runImage = compiled.runImage() != null ? compiled.runImage() : RUN_IMAGE;
            String language = String.join(", ", compiled.detected());
            String defaultCommand = processes.getOrDefault("web", processes.values().iterator().next());
            Map<String, String> labels = Map.of(
                    "org.opencontainers.image.revision", request.commit().name(),
                    "paas.build.app", request.app(),
                    // Lets disk accounting tell the app's own layers from the run image's.
                    "paas.build.run-image", runImage);
            log.step("Layering the app on " + runImage);
            slugs.create(app, Launcher.writeUnder(work.root()), runImage, request.image(), PORT, defaultCommand,
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

    /** The Procfile's process types when the app has one, else the defaults (of the buildpack, say). */
    static Map<String, String> processTypes(Path app, Map<String, String> defaults, String defaultsFrom, BuildLog log)
            throws IOException, BuildFailedException {
        log.step("Discovering process types");
        Path file = app.resolve(Procfile.FILE_NAME);
        Map<String, String> processes;
        if (Files.isRegularFile(file)) {
            try {
                processes = Procfile.parse(Files.readString(file));
            } catch (CharacterCodingException e) {
                throw new BuildFailedException("The Procfile is not UTF-8 text.");
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
