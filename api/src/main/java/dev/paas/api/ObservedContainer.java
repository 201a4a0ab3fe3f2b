package dev.paas.api;

/**
 * What a node-agent sees of one of its platform-labelled containers.
 *
 * @param state    {@link #STARTING} (running, port not yet accepting), {@link #UP} (port accepts
 *                 connections, or its HTTP health check passes), {@link #EXITED} (stopped or crashed),
 *                 {@link #UNHEALTHY}, {@link #STOPPING}
 * @param hostPort the 127.0.0.1 host port the container's port is published on, or null
 * @param lastExit   why the container last stopped by itself ({@link #OUT_OF_MEMORY} or {@link #CRASHED}), or
 *                   null if it never did on this agent; kept after the agent restarts it, so a restart made in the
 *                   same step as the exit is still reported
 * @param lastExitAt when that was (Docker's FinishedAt), which tells one exit from the next
 * @param ip         its address on the node's apps network, or null (not running, or an older agent): routers on the
 *                   node's own network host reach it there, without the published port (route.Reach)
 */
public record ObservedContainer(String name, String dockerId, String state, Integer hostPort, String lastExit,
                                java.time.Instant lastExitAt, String ip) {
    /** Killed by the kernel for going past its memory limit (Docker's OOMKilled). */
    public static final String OUT_OF_MEMORY = "out of memory";
    public static final String CRASHED = "crashed";

    public ObservedContainer(String name, String dockerId, String state, Integer hostPort) {
        this(name, dockerId, state, hostPort, null, null, null);
    }

    public ObservedContainer(String name, String dockerId, String state, Integer hostPort, String lastExit,
                             java.time.Instant lastExitAt) {
        this(name, dockerId, state, hostPort, lastExit, lastExitAt, null);
    }

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
