/** Turning what the engine lists into the states the controller acts on: starting, up, exited. */
package dev.paas.agent.observe;
