package dev.paas.builder.build;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallbackTemplate;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.NameParser;

/** Docker build of a prepared context, and push of the result to the cluster registry, output streamed. */
final class ImagePublisher {

    private final DockerClient docker;

    ImagePublisher(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @param baseImage the image the Dockerfile starts from, checked first for a clear message when missing
     * @param labels    added to the image (and to its intermediate images, so clean-up can find them)
     * @param limits    for an app's own Dockerfile: its steps get the build's memory and CPU and run on the apps
     *                  network, and the build is stopped when {@code deadline} is up; null for the builder's own
     */
    void build(File contextDir, File dockerfile, String image, String baseImage, boolean cache,
               Map<String, String> labels, BuildLog log, BuildLimits limits, Deadline deadline)
            throws BuildFailedException {
        DockerOutput<BuildResponseItem> output = DockerOutput.build(log);
        try {
            if (baseImage != null) {
                docker.inspectImageCmd(baseImage).exec();
            }
            var command = docker.buildImageCmd();
            if (limits != null) {
                RunSandbox.ensureNetwork(docker, limits.network());
                long bytes = limits.memoryMb() * 1024L * 1024L;
                command.withNetworkMode(limits.network()).withMemory(bytes).withMemswap(bytes)
                        .withCpushares("512");
            }
            command
                    .withBaseDirectory(contextDir)
                    .withDockerfile(dockerfile)
                    .withTags(Set.of(image))
                    .withLabels(labels)
                    // Base images exist only on this host; asking for a pull would go looking for them online.
                    .withPull(false)
                    // Generated builds skip the cache: a cached step is an untagged image that removing any image
                    // built on it deletes, and a build reusing it then fails with "No such image".
                    .withNoCache(!cache)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(output);
            if (deadline == null) {
                await(output);
            } else if (!awaitUntil(output, deadline)) {
                throw deadline.exceeded();
            }
        } catch (NotFoundException e) {
            throw new BuildFailedException("The image " + baseImage
                    + " is missing on the build host: build it with deploy/lib/images.sh.", e);
        } catch (RuntimeException e) {
            throw dockerFailed(e);
        }
        if (output.error() != null) {
            throw new BuildFailedException("The image build failed: " + output.error());
        }
    }

    void push(String image, BuildLog log) throws BuildFailedException {
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

    /**
     * Waits for a build until the deadline; when it is up, closes the stream: the engine then cancels the build and
     * kills the step's container.
     */
    private static boolean awaitUntil(ResultCallbackTemplate<?, ?> callback, Deadline deadline)
            throws BuildFailedException {
        try {
            if (callback.awaitCompletion(deadline.left().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return true;
            }
            callback.close();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("The build was interrupted.", e);
        } catch (IOException e) {
            return false;
        }
    }

    /** Docker-java reports transport and daemon errors unchecked; the pusher still needs a one-line reason. */
    private static BuildFailedException dockerFailed(RuntimeException e) {
        return new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
    }
}
