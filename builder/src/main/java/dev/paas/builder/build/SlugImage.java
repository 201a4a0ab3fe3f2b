package dev.paas.builder.build;

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
 * instruction: about 0.3 s each on an idle machine, several seconds on a busy one.
 */
final class SlugImage {

    private final DockerClient docker;

    SlugImage(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @param appDir         the slug, copied to {@code /app}
     * @param launcherDir    a directory {@code paas} holding the launcher, copied to {@code /paas}
     * @param defaultCommand run through the launcher and {@code /bin/sh -c} when no command is given
     */
    void create(Path appDir, Path launcherDir, String runImage, String image, int port, String defaultCommand,
                Map<String, String> labels, BuildLog log) throws BuildFailedException {
        String id;
        try {
            docker.inspectImageCmd(runImage).exec();
            id = docker.createContainerCmd(runImage)
                    .withEntrypoint(Launcher.PATH)
                    .withCmd(List.of("/bin/sh", "-c", defaultCommand))
                    .withEnv("PORT=" + port)
                    .withWorkingDir("/app")
                    .withLabels(labels)
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new BuildFailedException("The image " + runImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        }
        try {
            docker.copyArchiveToContainerCmd(id).withHostResource(appDir.toString()).withRemotePath("/").exec();
            docker.copyArchiveToContainerCmd(id).withHostResource(launcherDir.toString()).withRemotePath("/").exec();
            NameParser.ReposTag ref = NameParser.parseRepositoryTag(image);
            docker.commitCmd(id).withRepository(ref.repos).withTag(ref.tag.isEmpty() ? "latest" : ref.tag).exec();
            log.line(DockerOutput.INDENT + "Layered the app on " + runImage + " as " + image);
        } catch (RuntimeException e) {
            throw new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed already
            }
        }
    }
}
