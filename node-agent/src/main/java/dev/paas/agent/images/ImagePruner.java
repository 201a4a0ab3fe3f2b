package dev.paas.agent.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.paas.agent.docker.RegistryCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes this node's copies of app images ({@code host:port/app:vN}, pulled from the cluster registry) once
 * the controller has deleted them from the registry. The registry is the record of what the cluster keeps (the
 * newest releases' images and the running ones, see the controller's AppImages), so nodes follow it without
 * being told each image. An image is only considered when no container of this node uses it and the node runs
 * a newer version of the app, or runs none of it and the image is older than {@code minAge}: an image a build
 * on this host has tagged but not pushed yet is not in the registry either, and must stay.
 */
public final class ImagePruner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ImagePruner.class);

    /** A registry host (with a port or a dot), an app name, a release version. */
    private static final Pattern APP_IMAGE = Pattern.compile("([^/]+[:.][^/]*)/([a-z0-9][a-z0-9-]*):v(\\d+)");
    private static final String MANIFESTS = "application/vnd.docker.distribution.manifest.v2+json,"
            + " application/vnd.oci.image.manifest.v1+json";

    private final DockerClient docker;
    private final String node;
    private final Duration minAge;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The Authorization header for the registry's API; null for a registry without login. */
    private final String authorization;

    public ImagePruner(DockerClient docker, String node, Duration minAge) {
        this(docker, node, minAge, null);
    }

    /** @param registry the cluster registry's credentials, null when it has none */
    public ImagePruner(DockerClient docker, String node, Duration minAge, RegistryCredentials registry) {
        this.docker = docker;
        this.node = node;
        this.minAge = minAge;
        this.authorization = registry == null ? null : registry.basicAuthorization();
    }

    @Override
    public void run() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("image clean-up failed: {}", e.toString());
        }
    }

    /** One round; returns the image references it removed. */
    public List<String> prune() {
        Set<String> inUse = new HashSet<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("paas.managed", "true", "paas.node", node)).exec()) {
            inUse.add(c.getImage());
        }
        Map<String, Instant> local = new HashMap<>();
        for (Image image : docker.listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                local.put(tag, Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated()));
            }
        }
        List<String> removed = new ArrayList<>();
        for (String image : candidates(local, inUse, Instant.now(), minAge)) {
            try {
                if (!inRegistry(image)) {
                    docker.removeImageCmd(image).exec();
                    removed.add(image);
                    log.info("removed {}: the registry no longer keeps it", image);
                }
            } catch (NotFoundException | ConflictException goneOrInUse) {
                // removed meanwhile, or a container started on it: nothing to do
            } catch (IOException e) {
                log.debug("kept {}: the registry did not answer ({})", image, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return removed;
    }

    /**
     * The app images that may go, if the registry no longer has them.
     *
     * @param local every local tag and when its image was created
     * @param inUse the images this node's containers were created from
     */
    static List<String> candidates(Map<String, Instant> local, Set<String> inUse, Instant now, Duration minAge) {
        Map<String, Integer> newestInUse = new HashMap<>();
        for (String image : inUse) {
            Matcher m = APP_IMAGE.matcher(image);
            if (m.matches()) {
                newestInUse.merge(m.group(1) + "/" + m.group(2), Integer.parseInt(m.group(3)), Math::max);
            }
        }
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : local.entrySet()) {
            Matcher m = APP_IMAGE.matcher(entry.getKey());
            if (!m.matches() || inUse.contains(entry.getKey())) {
                continue;
            }
            Integer newest = newestInUse.get(m.group(1) + "/" + m.group(2));
            boolean older = newest != null && Integer.parseInt(m.group(3)) < newest;
            boolean unused = newest == null && entry.getValue().isBefore(now.minus(minAge));
            if (older || unused) {
                candidates.add(entry.getKey());
            }
        }
        candidates.sort(null);
        return candidates;
    }

    private boolean inRegistry(String image) throws IOException, InterruptedException {
        Matcher m = APP_IMAGE.matcher(image);
        if (!m.matches()) {
            return true;
        }
        // As Docker does: plain HTTP only for a registry on loopback; any other over HTTPS (the process's trust).
        String scheme = loopback(m.group(1)) ? "http://" : "https://";
        URI uri = URI.create(scheme + m.group(1) + "/v2/" + m.group(2) + "/manifests/v" + m.group(3));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Accept", MANIFESTS)
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 404) {
            return false;
        }
        if (status / 100 != 2) {
            throw new IOException("HTTP " + status + " for " + uri);
        }
        return true;
    }

    static boolean loopback(String registry) {
        String host = registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        try {
            return host.equals("localhost") || java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
