/**
 * The seam between the agent and a container runtime: what the agent needs from one (list, run, remove, images)
 * and the labels that mark a container as the platform's.
 */
package dev.paas.agent.engine;
