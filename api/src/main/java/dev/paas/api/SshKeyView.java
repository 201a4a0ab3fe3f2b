package dev.paas.api;

import java.time.Instant;

public record SshKeyView(String fingerprint, String comment, Instant createdAt) {
}
