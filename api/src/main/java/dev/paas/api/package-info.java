/**
 * JSON records exchanged over the controller's REST API (/v1) by the node-agent, the router and the cli.
 * Only what crosses a process boundary lives here.
 */
package dev.paas.api;
