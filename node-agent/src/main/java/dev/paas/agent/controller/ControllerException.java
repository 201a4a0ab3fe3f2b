package dev.paas.agent.controller;

/** The controller answered, but not with success. */
public final class ControllerException extends RuntimeException {

    private final int status;
    private final boolean credentialRefused;

    public ControllerException(int status, String message) {
        this(status, message, false);
    }

    ControllerException(int status, String message, boolean credentialRefused) {
        super(message);
        this.status = status;
        this.credentialRefused = credentialRefused;
    }

    /**
     * The controller refused this node's own credential (401): another registration of the node replaced it, or its
     * join token was revoked. The node registers again with its token, which says which it was.
     */
    public boolean credentialRefused() {
        return credentialRefused;
    }

    public int status() {
        return status;
    }

    /**
     * The controller deferred this node's registration (423): it heard from the node moments ago, so a token may not
     * take its credential yet. A restarted agent retries until the node has been silent long enough.
     */
    public boolean registrationDeferred() {
        return status == 423;
    }

    /** The controller does not know this node (e.g. its database was reset): the agent should register again. */
    public boolean unknownNode() {
        return status == 404;
    }
}
