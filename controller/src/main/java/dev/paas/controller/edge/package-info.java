/**
 * How the routers treat an app's requests: maintenance mode (a 503 page, containers untouched, no release) and
 * limits (request body size, read timeout). Stored per app, sent to the routers in the route table.
 */
package dev.paas.controller.edge;
