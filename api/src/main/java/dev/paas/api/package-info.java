/**
 * JSON records exchanged over the controller's REST API (/v1) by the node-agent, the router and the cli.
 * Only what crosses a process boundary lives here, and the little every client of it needs alike: the controllers to
 * call ({@link dev.paas.api.ControllerUrls}) and the CA to trust for them ({@link dev.paas.api.PemTrust}).
 */
package dev.paas.api;
