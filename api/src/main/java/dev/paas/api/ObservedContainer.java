package dev.paas.api;

/**
 * What a node-agent sees of one of its platform-labelled containers.
 *
 * @param state    {@link #STARTING} (running, port not yet accepting), {@link #UP} (port accepts
 *                 connections, or its HTTP health check passes), {@link #EXITED} (stopped or crashed),
 *                 {@link #UNHEALTHY}, {@link #STOPPING}
 * @param hostPort the 127.0.0.1 host port the container's port is published on, or null
 */
public record ObservedContainer(String name, String dockerId, String state, Integer hostPort) {
    public static final String STARTING = "starting";
    public static final String UP = "up";
    public static final String EXITED = "exited";
    /** Running, but it failed all attempts of its HTTP health check without ever passing one. */
    public static final String UNHEALTHY = "unhealthy";
    /**
     * Running, but no longer in the node's desired state: the agent is stopping it. Not probed (its address may
     * already be gone, and a connect to it would wait out the probe's timeout); the controller has no row for it.
     */
    public static final String STOPPING = "stopping";
}
