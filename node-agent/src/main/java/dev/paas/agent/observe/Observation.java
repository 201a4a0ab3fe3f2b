package dev.paas.agent.observe;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.ObservedContainer;

/**
 * A container together with its state ({@link ObservedContainer#UP}, STARTING or EXITED), and how the container of
 * its name last ended on this agent (null if it never did): kept across restarts, so an exit the agent restarted
 * from in the same step is still reported.
 */
public record Observation(NodeContainer container, String state, NodeContainer.Exit lastExit) {

    public Observation(NodeContainer container, String state) {
        this(container, state, null);
    }

    public boolean up() {
        return ObservedContainer.UP.equals(state);
    }

    public boolean starting() {
        return ObservedContainer.STARTING.equals(state);
    }

    public ObservedContainer toApi() {
        if (lastExit == null) {
            return new ObservedContainer(container.name(), container.id(), state, container.hostPort(), null, null,
                    container.ip());
        }
        return new ObservedContainer(container.name(), container.id(), state, container.hostPort(),
                lastExit.outOfMemory() ? ObservedContainer.OUT_OF_MEMORY : ObservedContainer.CRASHED, lastExit.at(),
                container.ip());
    }
}
