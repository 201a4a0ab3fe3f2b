/** Process counts: {@code paas ps} and {@code paas scale}, applied to the app's current release. */
package dev.paas.controller.scale;
