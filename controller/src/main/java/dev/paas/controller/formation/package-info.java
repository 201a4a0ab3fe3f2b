/** Formations: named groups of nodes; node-agents join one by name, each app runs in one. */
package dev.paas.controller.formation;
