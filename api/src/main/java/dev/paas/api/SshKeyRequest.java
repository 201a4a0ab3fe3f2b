package dev.paas.api;

/** An OpenSSH public key line, e.g. {@code ssh-ed25519 AAAA... me@laptop}. */
public record SshKeyRequest(String publicKey) {
}
