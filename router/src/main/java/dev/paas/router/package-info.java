/**
 * The paas-router process: long-polls the controller's route table, hands each new version to a {@link
 * dev.paas.router.Router} and acknowledges the version once it is served. Nothing here knows about nginx.
 */
package dev.paas.router;
