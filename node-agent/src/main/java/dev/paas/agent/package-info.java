/**
 * The node-agent process: configuration, the reconcile loop that ties the controller to the local engine, and the
 * heartbeat. The deciding lives in {@code reconcile}, the doing in {@code apply}, the seeing in {@code observe}.
 */
package dev.paas.agent;
