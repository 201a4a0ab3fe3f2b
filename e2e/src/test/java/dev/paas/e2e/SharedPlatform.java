package dev.paas.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One default platform (one node-agent, default settings) for every test class that needs nothing special of it:
 * started by the first such class, closed when the whole test run ends. Each class gets its own user view of it
 * ({@link Platform#newUser}: own home, cli login and SSH key), so classes only share what real users of one
 * platform share. Classes that restart parts of the platform in ways others would notice, or need other settings,
 * start their own {@link Platform}.
 */
final class SharedPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static volatile Platform running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class).platform();
    }

    /** A new user of the shared platform; only valid in a class extended with {@code @ExtendWith(SharedPlatform.class)}. */
    static Platform newUser() throws java.io.IOException {
        if (running == null) {
            throw new IllegalStateException("Add @ExtendWith(SharedPlatform.class) to the test class");
        }
        return running.newUser();
    }

    /** Closed by JUnit when the root context closes, after the last test class. */
    private record Started(Platform platform) implements ExtensionContext.Store.CloseableResource {

        static Started start() {
            Platform platform = null;
            try {
                platform = new Platform();
                platform.start();
                return new Started(platform);
            } catch (Exception e) {
                if (platform != null) {
                    platform.close();
                }
                throw new IllegalStateException("The shared e2e platform did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            platform.close();
        }
    }
}
