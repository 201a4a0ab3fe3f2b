package dev.paas.agent.observe;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.ObservedContainer;

/** A container together with its state ({@link ObservedContainer#UP}, STARTING or EXITED). */
public record Observation(NodeContainer container, String state) {

    public boolean up() {
        return ObservedContainer.UP.equals(state);
    }

    public boolean starting() {
        return ObservedContainer.STARTING.equals(state);
    }

    public ObservedContainer toApi() {
        return new ObservedContainer(container.name(), container.id(), state, container.hostPort());
    }
}
