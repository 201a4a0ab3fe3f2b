/** The agent's side of the controller's node API (docs/architecture.md): register, desired state, reports. */
package dev.paas.agent.controller;
