/** Turns a pushed commit into a runnable image in the cluster registry. */
package dev.paas.builder.build;
