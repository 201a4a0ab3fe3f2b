package dev.paas.agent.engine;

/** Labels every platform container carries (docs/architecture.md); they are how an agent finds its own. */
public final class Labels {
    public static final String MANAGED = "paas.managed";
    public static final String NODE = "paas.node";
    public static final String APP = "paas.app";
    public static final String RELEASE = "paas.release";
    public static final String PROCESS = "paas.process";
    public static final String INDEX = "paas.index";
    public static final String NAME = "paas.name";
    /** The container-side port; kept on the container so a restarted agent can still probe it. */
    public static final String PORT = "paas.port";
    /** The host port, readable even when the container is stopped and Docker lists no published ports. */
    public static final String HOST_PORT = "paas.host-port";

    private Labels() {
    }
}
