package dev.paas.controller.build;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.paas.builder.build.BuildCache;
import dev.paas.builder.build.BuildpackBuilder;
import dev.paas.controller.app.AppDestroyed;
import dev.paas.controller.app.AppRepository;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a destroyed app leaves on the build host and in the registry: its build cache and the build container
 * started ahead for its next build are removed at once, its images in the background, as its containers (which
 * keep their image in use) are stopped by the nodes only after the app is gone. Other nodes' copies go with
 * their {@code ImagePruner} once the registry has none. Images are named by the app's name only, so the
 * clean-up stops as soon as an app of that name exists again: its images would be the new app's (whose own
 * deploys clean up what the destroyed one left).
 */
@Component
class DestroyedAppCleanup {

    private static final Logger log = LoggerFactory.getLogger(DestroyedAppCleanup.class);
    /** Long enough for a node to stop the app's containers, also on a busy host. */
    static final int ATTEMPTS = 60;
    static final Duration PAUSE = Duration.ofSeconds(2);

    private final BuildCache cache;
    private final BuildpackBuilder buildpacks;
    private final AppImages images;
    private final AppRepository apps;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "destroyed-app-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    DestroyedAppCleanup(BuildCache cache, BuildpackBuilder buildpacks, AppImages images, AppRepository apps) {
        this.cache = cache;
        this.buildpacks = buildpacks;
        this.images = images;
        this.apps = apps;
    }

    @EventListener
    void destroyed(AppDestroyed event) {
        buildpacks.forget(event.name());
        try {
            cache.remove(event.name());
        } catch (RuntimeException e) {
            log.warn("Could not remove the build cache of destroyed app {}", event.name(), e);
        }
        worker.execute(() -> removeImages(event.name()));
    }

    void removeImages(String app) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (apps.findByName(app).isPresent()) {
                    log.info("App {} exists again; its images are no longer the destroyed app's to remove", app);
                    return;
                }
                if (images.forget(app) == 0) {
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("Image clean-up of destroyed app {} failed (attempt {})", app, attempt, e);
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("Images of destroyed app {} are still in use after {} attempts; the node-agent's ImagePruner"
                + " removes them once unused", app, ATTEMPTS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
