/**
 * Quotas an admin sets (paas.quotas.*): apps and containers per user, config size and domains per app. Each
 * refusal names the limit, the use, and the property an admin raises.
 */
package dev.paas.controller.quota;
