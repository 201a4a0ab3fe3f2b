package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallbackTemplate;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.NameParser;

/**
 * Builds an app without a Dockerfile into an image through the local Docker engine: export the commit,
 * detect the language, write a Dockerfile that puts the app on the run stack image, build, push to the
 * cluster registry. Python only for now, with no dependency installation (PyPI is unreachable).
 */
public final class DockerImageBuilder implements Builder {

    public static final String RUN_IMAGE = "paas/stack-run:bookworm";
    public static final int PORT = 5000;

    private static final String INDENT = DockerOutput.INDENT;

    private final DockerClient docker;
    private final String runImage;
    private final SourceExporter exporter = new SourceExporter();
    private final List<Detector> detectors = List.of(new PythonDetector());

    /** @param docker the engine that builds and pushes; the caller owns it and closes it */
    public DockerImageBuilder(DockerClient docker) {
        this(docker, RUN_IMAGE);
    }

    public DockerImageBuilder(DockerClient docker, String runImage) {
        this.docker = docker;
        this.runImage = runImage;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildLog log) throws BuildFailedException {
        long started = System.nanoTime();
        try (BuildContext context = BuildContext.create()) {
            Path app = context.app();
            exporter.export(request.repository(), request.commit(), app, log);
            Detector detected = Detector.first(detectors, app);
            log.step(detected.language() + " app detected");
            PythonApp.checkRequirements(app);
            Map<String, String> processes = processTypes(app, log);
            String defaultCommand = processes.getOrDefault("web", processes.values().iterator().next());
            Map<String, String> labels = Map.of(
                    "org.opencontainers.image.revision", request.commit().name(),
                    "paas.build.app", request.app(),
                    "paas.build.language", detected.language());
            Files.writeString(context.dockerfile(), new GeneratedDockerfile(
                    runImage, BuildContext.APP_DIR, PORT, PythonApp.ENV, defaultCommand, labels).render());
            buildImage(context, request.image(), log);
            push(request.image(), log);
            log.step("Pushed " + request.image());
            log.line(INDENT + "Built and pushed in " + String.format(Locale.ROOT, "%.1fs",
                    (System.nanoTime() - started) / 1e9));
            return new BuildResult(request.image(), processes, PORT, detected.language());
        } catch (IOException e) {
            throw new BuildFailedException("The builder could not read the app: " + e, e);
        }
    }

    private static Map<String, String> processTypes(Path app, BuildLog log) throws IOException, BuildFailedException {
        log.step("Discovering process types");
        Path file = app.resolve(Procfile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BuildFailedException("No Procfile: add one that says how to start the app, e.g. '"
                    + PythonApp.EXAMPLE_PROCESS + "'.");
        }
        Map<String, String> processes;
        try {
            processes = Procfile.parse(Files.readString(file));
        } catch (CharacterCodingException e) {
            throw new BuildFailedException("The Procfile is not UTF-8 text.");
        } catch (IllegalArgumentException e) {
            throw new BuildFailedException(e.getMessage());
        }
        if (processes.isEmpty()) {
            throw new BuildFailedException("The Procfile declares no process types: add a line such as '"
                    + PythonApp.EXAMPLE_PROCESS + "'.");
        }
        log.line(INDENT + "Procfile declares types -> " + String.join(", ", processes.keySet()));
        return processes;
    }

    private void buildImage(BuildContext context, String image, BuildLog log) throws BuildFailedException {
        log.step("Building image " + image + " on " + runImage);
        DockerOutput<BuildResponseItem> output = DockerOutput.build(log);
        try {
            docker.inspectImageCmd(runImage).exec();
            docker.buildImageCmd()
                    .withBaseDirectory(context.root().toFile())
                    .withDockerfile(context.dockerfile().toFile())
                    .withTags(Set.of(image))
                    // The run image exists only on this host; asking for a pull would go looking for it online.
                    .withPull(false)
                    // No build cache: a cached step is an untagged image that removing any image built on it
                    // deletes, and a build reusing it then fails with "No such image". The steps are only
                    // metadata and one COPY, so caching saved about a second.
                    .withNoCache(true)
                    // No intermediate containers left behind, even when a step fails.
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(output);
            await(output);
        } catch (NotFoundException e) {
            throw new BuildFailedException("The run image " + runImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw dockerFailed(e);
        }
        if (output.error() != null) {
            throw new BuildFailedException("The image build failed: " + output.error());
        }
    }

    private void push(String image, BuildLog log) throws BuildFailedException {
        NameParser.ReposTag ref = NameParser.parseRepositoryTag(image);
        DockerOutput<PushResponseItem> output = DockerOutput.push(log);
        try {
            // Always name the tag: an empty one would push every tag of the repository.
            docker.pushImageCmd(ref.repos).withTag(ref.tag.isEmpty() ? "latest" : ref.tag).exec(output);
            await(output);
        } catch (RuntimeException e) {
            throw dockerFailed(e);
        }
        if (output.error() != null) {
            throw new BuildFailedException("Pushing " + image + " failed: " + output.error());
        }
    }

    private static void await(ResultCallbackTemplate<?, ?> callback) throws BuildFailedException {
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                callback.close();
            } catch (IOException ignored) {
                // Closing only stops the stream early; the build is abandoned either way.
            }
            throw new BuildFailedException("The build was interrupted.", e);
        }
    }

    /** Docker-java reports transport and daemon errors unchecked; the pusher still needs a one-line reason. */
    private static BuildFailedException dockerFailed(RuntimeException e) {
        return new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
    }
}
