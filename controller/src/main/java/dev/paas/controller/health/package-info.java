/** HTTP health checks per app and process type, which node-agents run before a container counts as up. */
package dev.paas.controller.health;
