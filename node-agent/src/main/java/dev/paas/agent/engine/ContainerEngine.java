package dev.paas.agent.engine;

import java.util.List;

/**
 * What the agent needs from a container runtime. Implementations must only ever list and touch containers
 * labelled {@code paas.managed=true} with the given node, so foreign containers are safe by construction.
 */
public interface ContainerEngine {

    /** Every platform container of this node, running or not. */
    List<NodeContainer> list(String node);

    /** Makes the image available locally, pulling it only if it is missing; true if it had to pull. */
    default boolean ensureImage(String image) {
        return ensureImage(image, null);
    }

    /**
     * The same; when {@code image} is missing and {@code pullFrom} is given (the same image under its name in the
     * cluster registry: an add-on's image, built on the controller's host only), pulls that and tags it as
     * {@code image}.
     */
    boolean ensureImage(String image, String pullFrom);

    /** Creates and starts the container; returns its engine id. Nothing is left behind if the start fails. */
    String run(ContainerSpec spec);

    /**
     * Removes the container, stopping it first with SIGTERM and a grace period before SIGKILL (so it can take
     * a while); removing one that is already gone is not an error.
     */
    void remove(String id);
}
