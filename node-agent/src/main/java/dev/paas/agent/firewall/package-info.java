/**
 * The host firewall that keeps app containers away from the host's services and from other apps, set by the
 * agent at start because a node that joins has no deploy script to do it.
 */
package dev.paas.agent.firewall;
