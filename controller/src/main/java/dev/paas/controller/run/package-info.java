/**
 * One-off processes ({@code paas run}). The controller runs them itself, on its own host's Docker, from the app's
 * current release image with the release's config: the image is already in the cluster registry and the
 * controller already talks to Docker for builds, so no new node protocol is needed. The cost: one-off processes
 * all run on the controller's host, and a controller restart ends them.
 */
package dev.paas.controller.run;
