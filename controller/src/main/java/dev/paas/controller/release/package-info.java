/**
 * Releases. A release is an immutable pair of one build ({@link dev.paas.controller.build}) and one config,
 * numbered v1, v2... per app.
 */
package dev.paas.controller.release;
