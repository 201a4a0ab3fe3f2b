package dev.paas.controller.web;

/** Everyone who can knock on the controller, in the order of {@link EndpointAccessTable}'s columns. */
enum Caller {
    /** No Authorization header at all. */
    NONE,
    /** A signed-in, non-admin user who neither owns nor collaborates on the app the path names. */
    OTHER_USER,
    /** A signed-in, non-admin user who owns the app the path names. */
    OWNER,
    /** A signed-in, non-admin user whom the owner gave access to the app the path names. */
    COLLABORATOR,
    ADMIN,
    /** The cluster's node token (paas.node-token). */
    NODE,
    /** A runtime-layer join token of another formation than the node the path names. */
    RUNTIME_JOIN_OTHER,
    /** A proxy-layer join token of the default formation, which the router the path names joined with. */
    PROXY_JOIN,
    /** The credential of the runtime node the path names, from its registration with the node token. */
    NODE_CREDENTIAL,
    /** The credential of the router the path names, from its registration with the proxy join token. */
    ROUTER_CREDENTIAL
}
