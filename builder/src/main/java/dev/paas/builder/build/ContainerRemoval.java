package dev.paas.builder.build;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a build's throw-away containers (the build container, the one a slug is committed from) in the
 * background: nothing waits for them, and on a busy host a forced removal takes a few hundred milliseconds
 * of every push. One thread, so removals never pile up on the engine.
 */
public final class ContainerRemoval {

    private static final Logger log = LoggerFactory.getLogger(ContainerRemoval.class);
    private static final ExecutorService REMOVER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "container-removal");
        thread.setDaemon(true);
        return thread;
    });

    private ContainerRemoval() {
    }

    public static void later(DockerClient docker, String container) {
        REMOVER.execute(() -> {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed already
            } catch (RuntimeException e) {
                log.warn("Could not remove the build's container {}: {}", container, e.toString());
            }
        });
    }
}
