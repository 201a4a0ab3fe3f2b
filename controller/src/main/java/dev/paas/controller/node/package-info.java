/** Nodes: registration, heartbeats, and the desired/observed exchange with each node-agent. */
package dev.paas.controller.node;
