/** The platform's own events (builds, releases, container state), written into each app's log stream. */
package dev.paas.controller.event;
