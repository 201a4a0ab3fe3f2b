package dev.paas.agent.reconcile;

import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.DesiredContainer;

/** One step towards the desired state. */
public sealed interface Action {

    /** The platform name of the container this action is about. */
    String name();

    /** Desired but absent: create and start it. */
    record Create(DesiredContainer desired) implements Action {
        @Override
        public String name() {
            return desired.name();
        }
    }

    /** Present but no longer desired: remove it, stopping it if needed. */
    record Remove(NodeContainer container) implements Action {
        @Override
        public String name() {
            return container.name();
        }
    }

    /** Desired and present but not running: replace it with a fresh container (on the same host port if free). */
    record Restart(DesiredContainer desired, NodeContainer old) implements Action {
        @Override
        public String name() {
            return desired.name();
        }
    }
}
