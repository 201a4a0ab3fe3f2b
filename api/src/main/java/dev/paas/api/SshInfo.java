package dev.paas.api;

import java.util.List;

/**
 * Where to push and which host keys to trust, so the cli can write known_hosts for the user.
 *
 * @param hostKeys OpenSSH public key lines of the controller's git server
 */
public record SshInfo(String host, int port, List<String> hostKeys) {
}
