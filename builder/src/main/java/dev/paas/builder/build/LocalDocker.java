package dev.paas.builder.build;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A client for the Docker engine this process is configured for (DOCKER_HOST, else the local socket), logged in to
 * the cluster registry when {@link RegistryCredentials#ENV} names its credentials.
 */
public final class LocalDocker {

    private LocalDocker() {
    }

    public static DockerClient connect() {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (System.getenv("DOCKER_API_VERSION") == null) {
            // The oldest engine the platform supports (Debian 12's docker.io 20.10). Left unset, a JVM that also holds
            // Testcontainers (the controller's tests) was seen asking for 1.44, which that engine refuses.
            builder.withApiVersion(RemoteApiVersion.VERSION_1_41);
        }
        RegistryCredentials.fromEnvironment().ifPresent(credentials -> credentials.applyTo(builder));
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                // A build step may print nothing for minutes (a long RUN); this only bounds a daemon that hangs.
                .responseTimeout(Duration.ofMinutes(30))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
