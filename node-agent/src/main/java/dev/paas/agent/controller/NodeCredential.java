package dev.paas.agent.controller;

/**
 * What this node presents to the controller: the token it was started with (a join token or the cluster's node
 * token) only to register, then the credential the registration answered, kept in memory only. Shared by the node's
 * controller clients (the loop's and the log shipper's). A controller from before node credentials answers none:
 * the token is then presented for everything, as it was.
 */
public final class NodeCredential {

    private final String token;
    private volatile String credential;
    private volatile boolean lost;

    public NodeCredential(String token) {
        this.token = token;
    }

    String registrationToken() {
        return token;
    }

    /** The credential once registered, else the token. */
    String bearer() {
        String own = credential;
        return own != null ? own : token;
    }

    void set(String credential) {
        this.credential = credential;
        this.lost = false;
    }

    /** True once the controller refused the credential: whichever client saw it, the node registers again. */
    public boolean lost() {
        return lost;
    }

    public boolean registered() {
        return credential != null;
    }

    /** The controller refused {@code presented}: if that was the credential, it is forgotten (to register again). */
    boolean forget(String presented) {
        String own = credential;
        if (own != null && own.equals(presented)) {
            credential = null;
            lost = true;
            return true;
        }
        return false;
    }
}
