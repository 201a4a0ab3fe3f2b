package dev.paas.controller.deploy;

import com.github.dockerjava.api.DockerClient;
import dev.paas.builder.build.AppBuilder;
import dev.paas.builder.build.BuildCache;
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

    @Bean(destroyMethod = "close")
    DockerClient buildDocker() {
        return LocalDocker.connect();
    }

    /** Builds in progress, and each app's build container for its next build, under the data directory. */
    @Bean(destroyMethod = "close")
    BuildpackBuilder buildpackBuilder(DockerClient buildDocker, BuildCache cache, PaasProperties properties) {
        return new BuildpackBuilder(buildDocker, cache, properties.dataDir().resolve("builds"));
    }

    /** A Dockerfile at the app's root builds with it; anything else with buildpacks. */
    @Bean
    @Primary
    Builder builder(DockerClient buildDocker, BuildpackBuilder buildpacks) {
        return new AppBuilder(new DockerfileBuilder(buildDocker), buildpacks);
    }

    @Bean
    ReleasePhase releasePhase(DockerClient buildDocker) {
        return new ReleasePhase(buildDocker);
    }
}
