package dev.paas.controller.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import dev.paas.builder.build.AppBuilder;
import dev.paas.builder.build.BuildCache;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.builder.build.DockerfileBuilder;
import dev.paas.builder.build.LocalDocker;
import dev.paas.builder.build.ReleasePhase;
import dev.paas.controller.PaasProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.util.unit.DataSize;

@Configuration
class BuilderConfig {

    /** Per-app caches under the data directory, each emptied when it outgrows paas.build-cache-max. */
    @Bean
    BuildCache buildCache(PaasProperties properties, @Value("${paas.build-cache-max:2GB}") DataSize max) {
        return new BuildCache(properties.dataDir().resolve("cache"), max.toBytes());
    }

    /**
     * What one build may take (docs/security.md, "Build limits"): {@code paas.build.timeout} (15m),
     * {@code paas.build.memory} (2GB), {@code paas.build.cpus} (2), {@code paas.build.pids-limit} (1024),
     * {@code paas.build.log-max} (5MB of stored log), {@code paas.build.push-max} (500MB of pack), the apps network
     * {@code paas.build.network}, buildpacks by path only from {@code paas.buildpacks.local-dir} (none), and the
     * images a Dockerfile may start from besides the stacks and the app's own, {@code paas.dockerfile.allowed-bases}.
     */
    @Bean
    BuildLimits buildLimits(@Value("${paas.build.timeout:15m}") Duration timeout,
                            @Value("${paas.build.memory:2GB}") DataSize memory,
                            @Value("${paas.build.cpus:2}") double cpus,
                            @Value("${paas.build.pids-limit:1024}") long pidsLimit,
                            @Value("${paas.build.network:paas-apps}") String network,
                            @Value("${paas.build.log-max:5MB}") DataSize logMax,
                            @Value("${paas.build.push-max:500MB}") DataSize pushMax,
                            @Value("${paas.buildpacks.local-dir:}") String localDir,
                            @Value("${paas.dockerfile.allowed-bases:}") List<String> allowedBases) {
        return new BuildLimits(timeout, (int) memory.toMegabytes(), cpus, pidsLimit, network, logMax.toBytes(),
                pushMax.toBytes(), localDir.isBlank() ? null : Path.of(localDir),
                allowedBases.stream().map(String::strip).filter(base -> !base.isEmpty()).toList());
    }

    @Bean(destroyMethod = "close")
    DockerClient buildDocker() {
        return LocalDocker.connect();
    }

    /** Builds in progress, and each app's build container for its next build, under the data directory. */
    @Bean(destroyMethod = "close")
    BuildpackBuilder buildpackBuilder(DockerClient buildDocker, BuildCache cache, PaasProperties properties,
                                      BuildLimits limits) {
        return new BuildpackBuilder(buildDocker, cache, properties.dataDir().resolve("builds"), limits);
    }

    /** A Dockerfile at the app's root builds with it; anything else with buildpacks. */
    @Bean
    @Primary
    Builder builder(DockerClient buildDocker, BuildpackBuilder buildpacks, BuildLimits limits) {
        return new AppBuilder(new DockerfileBuilder(buildDocker, limits), buildpacks);
    }

    @Bean
    ReleasePhase releasePhase(DockerClient buildDocker) {
        return new ReleasePhase(buildDocker);
    }
}
