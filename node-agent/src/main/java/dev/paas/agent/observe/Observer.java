package dev.paas.agent.observe;

import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.ObservedContainer;

import java.util.List;

/**
 * Lists the node's containers and decides each one's state. "Up" means the process accepts connections on the
 * container's own address: the published host port is no evidence, because docker-proxy accepts there before the
 * app listens.
 */
public final class Observer {

    private final ContainerEngine engine;
    private final String node;
    private final PortProbe probe;

    public Observer(ContainerEngine engine, String node, PortProbe probe) {
        this.engine = engine;
        this.node = node;
        this.probe = probe;
    }

    public List<Observation> observe() {
        return engine.list(node).stream().map(c -> new Observation(c, stateOf(c))).toList();
    }

    private String stateOf(NodeContainer c) {
        if (!c.running()) {
            return ObservedContainer.EXITED;
        }
        if (c.ip() == null || c.port() == null) {
            return ObservedContainer.STARTING;
        }
        return probe.accepts(c.ip(), c.port()) ? ObservedContainer.UP : ObservedContainer.STARTING;
    }
}
