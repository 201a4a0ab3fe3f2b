package dev.paas.controller.deploy;

import dev.paas.builder.build.BuildCache;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.builder.build.LocalDocker;
import dev.paas.controller.PaasProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class BuilderConfig {

    /** Per-app caches under the data directory, each emptied when it outgrows paas.build-cache-max. */
    @Bean
    BuildCache buildCache(PaasProperties properties, @Value("${paas.build-cache-max:2GB}") DataSize max) {
        return new BuildCache(properties.dataDir().resolve("cache"), max.toBytes());
    }

    @Bean
    Builder builder(BuildCache cache) {
        return new BuildpackBuilder(LocalDocker.connect(), cache);
    }
}
