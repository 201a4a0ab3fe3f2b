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
     */
    void build(File contextDir, File dockerfile, String image, String baseImage, boolean cache,
               Map<String, String> labels, BuildLog log)
            throws BuildFailedException {
        DockerOutput<BuildResponseItem> output = DockerOutput.build(log);
        try {
            if (baseImage != null) {
                docker.inspectImageCmd(baseImage).exec();
            }
            docker.buildImageCmd()
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
            await(output);
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

    /** Docker-java reports transport and daemon errors unchecked; the pusher still needs a one-line reason. */
    private static BuildFailedException dockerFailed(RuntimeException e) {
        return new BuildFailedException("Docker failed during the build: " + e.getMessage(), e);
    }
}
