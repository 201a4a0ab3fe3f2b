package dev.paas.builder.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.NameParser;

/**
 * Layers a compiled app (the slug) on its run image without a Docker build: a container of the run image is
 * created (never started) with the image's config, the slug and the launcher are copied into it, and it is
 * committed. One layer and three API calls, where a generated Dockerfile took one build step per
 * instruction: about 0.3 s each on an idle machine, several seconds on a busy one. A buildpack's
 * {@link DependencyLayer} becomes an image of its own between the run image and the slug, reused by the
 * next builds while its key holds.
 */
final class SlugImage {

    private final DockerClient docker;

    SlugImage(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @param root           holds {@code app} (the slug, copied to {@code /app}) and {@code paas} (the launcher,
     *                       copied to {@code /paas}), and nothing else
     * @param baseImage      the run image, or a dependency image made from it
     * @param defaultCommand run through the launcher and {@code /bin/sh -c} when no command is given
     */
    void create(Path root, String baseImage, String image, int port, String defaultCommand,
                Map<String, String> labels, BuildLog log) throws BuildFailedException {
        String id;
        try {
            id = docker.createContainerCmd(baseImage)
                    .withEntrypoint(Launcher.PATH)
                    .withCmd(List.of("/bin/sh", "-c", defaultCommand))
                    .withEnv("PORT=" + port)
                    .withWorkingDir("/app")
                    // The stack's unprivileged user: app code never runs as root (docs/security.md).
                    .withUser(SlugArchive.APP_USER)
                    .withLabels(labels)
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new BuildFailedException("The image " + baseImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        }
        Path tar = null;
        try {
            // One copy, one tar: the root holds app/ (the slug, owned by the app's user) and paas/ (the launcher).
            // SlugArchive stores a link the build made as a link and reads only regular files; the build container
            // is stopped by now, so nothing is swapped while it walks (see BuildTree).
            tar = Files.createTempFile("paas-slug", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                SlugArchive.write(root, out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
            }
            NameParser.ReposTag ref = NameParser.parseRepositoryTag(image);
            docker.commitCmd(id).withRepository(ref.repos).withTag(ref.tag.isEmpty() ? "latest" : ref.tag).exec();
            log.line(DockerOutput.INDENT + "Layered the app on " + baseImage + " as " + image);
        } catch (IOException e) {
            throw new BuildFailedException("The builder could not pack the slug: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        } finally {
            remove(id);
            deleteQuietly(tar);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A temporary file left behind costs disk, not correctness.
        }
    }

    /**
     * The run image plus one layer holding {@code source}'s content at {@code /app/TARGET}, committed as
     * {@code image}; the container keeps the run image's config.
     *
     * @param source   a real directory of the cache, reached with no link on the way (see {@link DependencyLayer})
     * @param skeleton an empty scratch directory (the layer's parent directories are made in it)
     */
    void dependencies(Path source, String target, String runImage, String image, Map<String, String> labels,
                      Path skeleton) throws BuildFailedException {
        String id;
        try {
            id = docker.createContainerCmd(runImage).withLabels(labels).exec().getId();
        } catch (NotFoundException e) {
            throw new BuildFailedException("The image " + runImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        }
        try {
            // Copying puts a directory under an existing one: make /app/TARGET first, then fill it.
            java.nio.file.Files.createDirectories(skeleton.resolve("app").resolve(target));
            docker.copyArchiveToContainerCmd(id).withHostResource(skeleton.resolve("app").toString())
                    .withRemotePath("/").exec();
            docker.copyArchiveToContainerCmd(id).withHostResource(source.toString()).withDirChildrenOnly(true)
                    .withRemotePath("/app/" + target).exec();
            NameParser.ReposTag ref = NameParser.parseRepositoryTag(image);
            docker.commitCmd(id).withRepository(ref.repos).withTag(ref.tag).exec();
        } catch (java.io.IOException e) {
            throw new BuildFailedException("The builder could not prepare the dependency layer: " + e, e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        } finally {
            remove(id);
        }
    }

    private void remove(String container) {
        ContainerRemoval.later(docker, container);
    }
}
