package dev.paas.agent.engine;

/**
 * One platform container as the engine reports it.
 *
 * @param name     the platform name (label {@code paas.name}), e.g. {@code hello.v1.web.1}
 * @param running  whether its process is running; anything else (created, exited, dead) needs a restart
 * @param ip       its address on the engine's bridge network, or null when it has none (stopped)
 * @param port     the port its process should listen on inside the container, or null if unknown
 * @param hostPort the host port that port is published on, or null if unknown
 * @param exit     how it ended, for one that is not running and has run; null otherwise
 */
public record NodeContainer(String id, String name, boolean running, String ip, Integer port, Integer hostPort,
                            Exit exit) {

    public NodeContainer(String id, String name, boolean running, String ip, Integer port, Integer hostPort) {
        this(id, name, running, ip, port, hostPort, null);
    }

    /**
     * @param outOfMemory the kernel killed it for going past its memory limit (Docker's OOMKilled)
     * @param at          when it ended (Docker's FinishedAt)
     */
    public record Exit(boolean outOfMemory, int exitCode, java.time.Instant at) {

        /**
         * Created but not started yet (Docker's {@code created}): the agent is starting it. Under load the start can
         * come seconds after the create, and a heartbeat in between must not report it exited (the rollout fails a
         * release whose container stays exited for 5 s).
         */
        public static final Exit NOT_STARTED = new Exit(false, 0, java.time.Instant.EPOCH);
    }
}
