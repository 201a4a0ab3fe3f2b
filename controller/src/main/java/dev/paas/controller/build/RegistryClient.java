package dev.paas.controller.build;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paas.api.PemTrust;
import dev.paas.builder.build.RegistryCredentials;

/**
 * The few Docker Registry HTTP API v2 calls clean-up and promotion need: list a repository's tags, delete a tag's
 * manifest, copy a tag to another repository. Deleting frees the tag at once; the registry's disk is freed by its
 * garbage collection.
 * A registry on loopback is reached over plain HTTP (as Docker does); one beyond it over HTTPS, trusting the CA
 * file {@code PAAS_REGISTRY_CA} names (else the JVM's CAs), with the credentials of {@link RegistryCredentials}.
 */
final class RegistryClient {

    private static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String MANIFEST_OCI = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("\"([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})\"");

    private final String base;
    private final HttpClient http;
    private final Optional<RegistryCredentials> credentials;

    /** @param registry host:port */
    RegistryClient(String registry) {
        this(registry, RegistryCredentials.fromEnvironment(), System.getenv("PAAS_REGISTRY_CA"));
    }

    RegistryClient(String registry, Optional<RegistryCredentials> credentials, String caFile) {
        this.base = (loopback(registry) ? "http://" : "https://") + registry + "/v2/";
        this.credentials = credentials;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (caFile != null && !caFile.isBlank()) {
            http.sslContext(PemTrust.context(Path.of(caFile.strip())));
        }
        this.http = http.build();
    }

    /** Docker's own rule: only a registry on loopback may be plain HTTP without being listed as insecure. */
    static boolean loopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    List<String> tags(String repository) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(repository + "/tags/list").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        check(response, "list tags of " + repository);
        String body = response.body();
        int start = body.indexOf("\"tags\"");
        List<String> tags = new ArrayList<>();
        if (start >= 0) {
            Matcher matcher = TAG.matcher(body.substring(body.indexOf('[', start)));
            while (matcher.find()) {
                tags.add(matcher.group(1));
            }
        }
        return tags;
    }

    void delete(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> head = http.send(request(repository + "/manifests/" + tag)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", MANIFEST_V2).build(),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 404) {
            return;
        }
        String digest = head.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new IOException("The registry sent no digest for " + repository + ":" + tag));
        HttpResponse<String> deleted = http.send(request(repository + "/manifests/" + digest).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (deleted.statusCode() != 404) {
            check(deleted, "delete " + repository + ":" + tag);
        }
    }

    /**
     * Tags {@code from:fromTag}'s image as {@code to:toTag} without moving its layers: each blob is mounted from the
     * source repository (the registry links it, nothing is uploaded), then the same manifest is put under the new tag.
     */
    void copy(String from, String fromTag, String to, String toTag) throws IOException, InterruptedException {
        HttpResponse<byte[]> manifest = http.send(request(from + "/manifests/" + fromTag).GET()
                .header("Accept", MANIFEST_V2 + ", " + MANIFEST_OCI).build(), HttpResponse.BodyHandlers.ofByteArray());
        check(manifest, "read " + from + ":" + fromTag);
        String type = manifest.headers().firstValue("Content-Type").orElse(MANIFEST_V2);
        if (!type.equals(MANIFEST_V2) && !type.equals(MANIFEST_OCI)) {
            throw new IOException(from + ":" + fromTag + " is a " + type + ", not an image manifest");
        }
        JsonNode root = JSON.readTree(manifest.body());
        List<String> blobs = new ArrayList<>();
        blobs.add(root.path("config").path("digest").asText());
        root.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
        for (String digest : blobs) {
            if (!DIGEST.matcher(digest).matches()) {
                throw new IOException(from + ":" + fromTag + " names a blob that is not a sha256 digest");
            }
            HttpResponse<Void> mounted = http.send(request(to + "/blobs/uploads/?mount=" + digest + "&from=" + from)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (mounted.statusCode() != 201) {
                throw new IOException("The registry did not mount " + digest + " from " + from + " into " + to
                        + ": HTTP " + mounted.statusCode());
            }
        }
        HttpResponse<String> put = http.send(request(to + "/manifests/" + toTag).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(), HttpResponse.BodyHandlers.ofString());
        check(put, "tag " + to + ":" + toTag);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        credentials.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
        return request;
    }

    private static void check(HttpResponse<?> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException("The registry refused to " + what + ": HTTP " + response.statusCode());
        }
    }
}
