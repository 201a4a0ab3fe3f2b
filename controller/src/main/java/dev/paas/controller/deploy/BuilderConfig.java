package dev.paas.controller.deploy;

import dev.paas.builder.build.Builder;
import dev.paas.builder.build.DockerImageBuilder;
import dev.paas.builder.build.LocalDocker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class BuilderConfig {

    @Bean
    Builder builder() {
        return new DockerImageBuilder(LocalDocker.connect());
    }
}
