/**
 * TLS certificates: the ones users upload for their apps' custom domains and the platform's for the default
 * {@code <app>.<domain>} names; their checks, their private keys kept encrypted, the per-app HTTPS settings
 * (redirect, HSTS), which certificate serves which host name in the route table, and the one endpoint through which
 * routers read key material.
 */
package dev.paas.controller.cert;
