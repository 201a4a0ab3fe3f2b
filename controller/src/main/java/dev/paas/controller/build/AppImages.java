package dev.paas.controller.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PruneType;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.ContainerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's images on the build host (which is also the node in a one-host cluster) and in the registry: how
 * much disk they use, and clean-up after each deploy. Kept: the images of the newest releases
 * ({@code paas.keep-releases}, 5 by default, so rollback stays instant) and of every container the app runs.
 */
@Component
public class AppImages {

    /** @param bytes the app's own layers: each image's size less that of the run image it is built on */
    public record Usage(long bytes, int count) {
    }

    private static final Logger log = LoggerFactory.getLogger(AppImages.class);

    private final DockerClient docker;
    private final RegistryClient registry;
    private final String registryHost;
    private final ReleaseHistory releases;
    private final ContainerRepository containers;
    private final int keepReleases;

    AppImages(DockerClient buildDocker, PaasProperties properties, ReleaseHistory releases,
              ContainerRepository containers, @Value("${paas.keep-releases:5}") int keepReleases) {
        this.docker = buildDocker;
        this.registryHost = properties.registry();
        this.registry = new RegistryClient(properties.registry());
        this.releases = releases;
        this.containers = containers;
        this.keepReleases = keepReleases;
    }

    /**
     * Each image's own layer, plus once each dependency image (see the builder's DependencyLayer) the images are
     * built on, down their chain: those layers are shared, not repeated per image.
     */
    public Usage usage(String app) {
        long bytes = 0;
        Map<String, Long> dependencyLayers = new HashMap<>();
        List<Image> images = local(app);
        for (Image image : images) {
            String runImage = image.getLabels() == null ? null : image.getLabels().get("paas.build.run-image");
            long runSize = runImage == null ? 0 : sizeOf(runImage);
            InspectImageResponse parent = dependencyImage(image.getParentId(), app);
            if (parent != null && parent.getSize() != null) {
                bytes += image.getSize() - parent.getSize();
                // A dependency image is built on the one below it (a runtime under the packages), the last on the
                // run image: each counts only its own layer. Bounded by the builder's four layers a build may ask.
                InspectImageResponse layer = parent;
                for (int i = 0; i < 8 && layer != null && layer.getSize() != null; i++) {
                    InspectImageResponse below = dependencyImage(layer.getParent(), app);
                    long belowSize = below != null && below.getSize() != null ? below.getSize() : runSize;
                    dependencyLayers.put(layer.getId(), layer.getSize() - belowSize);
                    layer = below;
                }
            } else {
                bytes += image.getSize() - runSize;
            }
        }
        bytes += dependencyLayers.values().stream().mapToLong(Long::longValue).sum();
        return new Usage(bytes, images.size());
    }

    /** The image, if it is one of the app's dependency images (labelled with the app, not an app image). */
    private InspectImageResponse dependencyImage(String id, String app) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        try {
            InspectImageResponse image = docker.inspectImageCmd(id).exec();
            Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            boolean ofApp = labels != null && app.equals(labels.get("paas.build.app"));
            boolean appImage = image.getRepoTags() != null
                    && image.getRepoTags().stream().anyMatch(tag -> tag.startsWith(registryHost + "/" + app + ":"));
            return ofApp && !appImage ? image : null;
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Copies an image of the cluster's registry to {@code app}'s repository as {@code app:tag} (layers are shared,
     * not uploaded again); answers the new reference.
     *
     * @param image a reference of this registry, {@code host:port/other:vN}
     */
    public String copy(String image, String app, String tag) {
        String prefix = registryHost + "/";
        int colon = image.lastIndexOf(':');
        if (!image.startsWith(prefix) || colon <= prefix.length()) {
            throw new IllegalArgumentException(image + " is not an image of the registry " + registryHost);
        }
        try {
            registry.copy(image.substring(prefix.length(), colon), image.substring(colon + 1), app, tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while copying " + image, e);
        }
        return prefix + app + ":" + tag;
    }

    /** The image references this app must keep. */
    @Transactional(readOnly = true)
    public Set<String> kept(Long appId) {
        Set<String> keep = new HashSet<>();
        for (Release release : releases.findByAppIdOrderByVersionDesc(appId, PageRequest.of(0, keepReleases))) {
            keep.add(release.getBuild().getImage());
        }
        containers.findByAppIdOrderByName(appId).forEach(c -> keep.add(c.getRelease().getBuild().getImage()));
        return keep;
    }

    /**
     * Removes every image of the app that is not kept, from this host and from the registry, and the app's
     * dangling build images. Best effort: a failure is logged and left for the next deploy.
     *
     * @return how many images were removed
     */
    public int cleanUp(String app, Set<String> keep) {
        int removed = 0;
        String repository = registryHost + "/" + app;
        try {
            for (String tag : registry.tags(app)) {
                if (!keep.contains(repository + ":" + tag)) {
                    registry.delete(app, tag);
                    removed++;
                }
            }
        } catch (Exception e) {
            log.warn("Registry clean-up of {} failed", app, e);
        }
        removeLocalTags(tag -> tag.startsWith(repository + ":") && !keep.contains(tag));
        docker.pruneCmd(PruneType.IMAGES).withDangling(true).withLabelFilter("paas.build.app=" + app).exec();
        return removed;
    }

    /**
     * Removes all of a destroyed app's images: its tags in the registry, and on this host its images, its
     * dependency images ({@code paas-deps/<app>}) and its dangling build images. Images a container still uses
     * stay (the app's containers are being stopped); the caller tries again.
     *
     * @return how many of the app's images are still on this host
     */
    public int forget(String app) {
        cleanUp(app, Set.of());
        String dependencies = BuildpackBuilder.DEPENDENCY_REPOSITORY + app + ":";
        // Untags a dependency image while app images are built on it; Docker deletes it with the last of them.
        removeLocalTags(tag -> tag.startsWith(dependencies));
        return local(app).size();
    }

    /** Removes each tag on this host that matches; one in use by a container (or already gone) stays. */
    private void removeLocalTags(Predicate<String> matches) {
        for (Image image : docker.listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (matches.test(tag)) {
                    try {
                        docker.removeImageCmd(tag).exec();
                    } catch (NotFoundException | ConflictException inUseOrGone) {
                        log.info("Kept image {}: {}", tag, inUseOrGone.getMessage());
                    }
                }
            }
        }
    }

    /** Filtered here: the engine's name filter is not applied by every API version docker-java may speak. */
    private List<Image> local(String app) {
        String prefix = registryHost + "/" + app + ":";
        return docker.listImagesCmd().exec().stream()
                .filter(image -> image.getRepoTags() != null
                        && java.util.Arrays.stream(image.getRepoTags()).anyMatch(tag -> tag.startsWith(prefix)))
                .toList();
    }

    private long sizeOf(String image) {
        try {
            Long size = docker.inspectImageCmd(image).exec().getSize();
            return size == null ? 0 : size;
        } catch (NotFoundException e) {
            return 0;
        }
    }
}
