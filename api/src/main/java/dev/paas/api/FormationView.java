package dev.paas.api;

/** A named group of nodes (an environment or a region), with how many nodes of each layer it has. */
public record FormationView(String name, int runtimeNodes, int proxyNodes, int apps) {
}
