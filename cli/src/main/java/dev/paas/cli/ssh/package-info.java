/** The user's side of SSH: their public keys, and the known_hosts entries that let the first git push go through. */
package dev.paas.cli.ssh;
