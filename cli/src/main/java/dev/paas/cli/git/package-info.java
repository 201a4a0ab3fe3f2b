/**
 * The cli's use of the user's git checkout: the {@code paas} remote it adds on create and reads to infer the app.
 * git runs as a process with an argument list, never through a shell.
 */
package dev.paas.cli.git;
