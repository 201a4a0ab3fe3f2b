package dev.paas.controller.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.paas.builder.build.BuildLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The build limits as the controller reads them from its properties, each with its default. */
class BuildLimitsConfigTest {

    /**
     * Lazy: only the limits are made, not the Docker client nor the builders; with Spring Boot's conversions (15m,
     * 2GB), as the controller's SpringApplication has them.
     */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> {
                c.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
                c.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
            })
            .withUserConfiguration(BuilderConfig.class);

    @Test
    void defaultsAreHerokusFifteenMinutesAndTheDocumentedBounds() {
        context.run(c -> assertThat(c.getBean(BuildLimits.class)).isEqualTo(BuildLimits.defaults()));
    }

    @Test
    void everyLimitIsASetting() {
        context.withPropertyValues("paas.build.timeout=90s", "paas.build.memory=512MB", "paas.build.cpus=1.5",
                "paas.build.pids-limit=256", "paas.build.network=other-apps", "paas.build.log-max=1MB",
                "paas.build.push-max=50MB", "paas.buildpacks.local-dir=/srv/buildpacks",
                "paas.dockerfile.allowed-bases=node:20-bookworm, eclipse-temurin:17").run(c ->
                assertThat(c.getBean(BuildLimits.class)).isEqualTo(new BuildLimits(Duration.ofSeconds(90), 512, 1.5,
                        256, "other-apps", 1L << 20, 50L << 20, Path.of("/srv/buildpacks"),
                        List.of("node:20-bookworm", "eclipse-temurin:17"))));
    }
}
