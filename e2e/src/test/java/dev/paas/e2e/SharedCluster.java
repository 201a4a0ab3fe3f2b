package dev.paas.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One default cluster (one node-agent, default settings) for every test class that needs nothing special of it:
 * started by the first such class, closed when the whole test run ends. Each class takes its own {@link User}s of
 * it (own home, cli login and SSH key), so classes only share what real users of one platform share. Classes that
 * restart parts of the platform in ways others would notice, or need other settings, start their own
 * {@link Cluster}.
 */
final class SharedCluster implements BeforeAllCallback {

    /**
     * The JUnit resource lock on the shared cluster's processes: each class on it takes it to read, and a class that
     * restarts one of them (LogsIT the controller, AddonsIT the node-agent) to write, so no other class on the
     * shared cluster runs meanwhile (test classes run two at a time, see junit-platform.properties).
     */
    static final String PARTS = "shared-cluster-processes";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

    private static volatile Cluster running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class).cluster();
    }

    /** The shared cluster; only valid in a class extended with {@code @ExtendWith(SharedCluster.class)}. */
    static Cluster cluster() {
        if (running == null) {
            throw new IllegalStateException("Add @ExtendWith(SharedCluster.class) to the test class");
        }
        return running;
    }

    /** Closed by JUnit when the root context closes, after the last test class. */
    private record Started(Cluster cluster) implements ExtensionContext.Store.CloseableResource {

        static Started start() {
            try {
                return new Started(Cluster.started());
            } catch (Exception e) {
                throw new IllegalStateException("The shared e2e cluster did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
