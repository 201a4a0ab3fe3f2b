/**
 * Deciding what to do: a pure function from desired and observed containers to actions, and the crash back-off
 * that spaces out restarts. Nothing here calls Docker or the controller, so tests read as "given, expect".
 */
package dev.paas.agent.reconcile;
