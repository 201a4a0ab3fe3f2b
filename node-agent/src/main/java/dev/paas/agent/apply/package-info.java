/** Carrying out a reconcile plan on the engine: host ports, images, parallel creates, one log line per action. */
package dev.paas.agent.apply;
