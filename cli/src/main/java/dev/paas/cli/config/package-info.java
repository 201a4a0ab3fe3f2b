/**
 * Where the cli keeps the controller's URL, the user's token and the CA trusted for an https controller:
 * {@code $PAAS_CONFIG} or {@code ~/.paas/config.json}, readable by the user only.
 */
package dev.paas.cli.config;
