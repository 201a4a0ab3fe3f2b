package dev.paas.agent.controller;

/** The controller answered, but not with success. */
public final class ControllerException extends RuntimeException {

    private final int status;

    public ControllerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The controller does not know this node (e.g. its database was reset): the agent should register again. */
    public boolean unknownNode() {
        return status == 404;
    }
}
