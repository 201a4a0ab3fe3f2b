package dev.paas.agent.docker;

import com.github.dockerjava.api.exception.NotFoundException;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The local dockerd for tests that need it; they are skipped, not failed, where there is none. */
public final class LocalDocker {

    /** The run stack (base plus python3), built locally by deploy/lib/images.sh; never pulled. */
    public static final String STACK_IMAGE = "paas/stack-run:bookworm";

    private LocalDocker() {
    }

    /** The engine, once Docker answers and has {@code image}; waits a while for an image still being built. */
    public static DockerContainerEngine engineWith(String image) throws InterruptedException {
        DockerContainerEngine engine = DockerContainerEngine.fromEnvironment();
        try {
            engine.client().pingCmd().exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker is not reachable: " + e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!hasImage(engine, image) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
        }
        assumeTrue(hasImage(engine, image), image + " does not exist; build it with deploy/lib/images.sh");
        return engine;
    }

    public static boolean hasImage(DockerContainerEngine engine, String image) {
        try {
            engine.client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
