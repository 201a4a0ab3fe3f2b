package dev.paas.api;

/**
 * The answer to a registration: the credential of this one node, shown once. The node presents it for everything
 * after (its desired state, reports, logs, routes) instead of the token it registered with; it speaks only for
 * {@code node}. A node that restarts registers again with its token and gets a new credential.
 */
public record NodeRegistered(String node, String credential) {
}
