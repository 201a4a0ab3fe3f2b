/**
 * The {@code paas} command line: Heroku's noun:verb commands (picocli), each a small class that calls the controller's
 * REST API. {@link dev.paas.cli.Paas} wires them and turns errors into one line on stderr and an exit code:
 * 0 done, 1 something the user can fix (the message says how), 2 wrong usage.
 */
package dev.paas.cli;
