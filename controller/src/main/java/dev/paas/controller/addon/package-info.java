/**
 * Add-ons: backing services (PostgreSQL, MySQL, Redis) run by the platform as containers on a runtime node, with a
 * named volume and generated credentials, attached to apps as config vars through the apps' one change path.
 */
package dev.paas.controller.addon;
