/**
 * The nginx implementation of {@link dev.paas.router.Router}: a private nginx instance in its own prefix directory,
 * configuration rendered from the route table, checked with {@code nginx -t}, swapped atomically and reloaded.
 */
package dev.paas.router.nginx;
