/**
 * Where the cli keeps the controller's URL and the user's token: {@code $PAAS_CONFIG} or
 * {@code ~/.paas/config.json}, readable by the user only.
 */
package dev.paas.cli.config;
