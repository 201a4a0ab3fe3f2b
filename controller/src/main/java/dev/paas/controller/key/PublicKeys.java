package dev.paas.controller.key;

import java.security.PublicKey;
import java.util.Map;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Parses OpenSSH public key lines and fingerprints keys the way {@code ssh-keygen -l} does (SHA256:...). */
public final class PublicKeys {

    private static final String NOT_A_KEY =
            "That is not an SSH public key: give one line like 'ssh-ed25519 AAAA... you@host' (the .pub file).";

    private PublicKeys() {
    }

    /** A parsed key line; the fingerprint is what we store and look keys up by. */
    public record Parsed(PublicKey key, String fingerprint, String canonical, String comment) {
    }

    public static Parsed parse(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty() || trimmed.contains("\n")) {
            throw new IllegalArgumentException("Give exactly one public key line, as in ~/.ssh/id_ed25519.pub.");
        }
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(trimmed);
            if (entry == null) {
                throw new IllegalArgumentException(NOT_A_KEY);
            }
            PublicKey key = entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            String comment = entry.getComment() == null || entry.getComment().isBlank() ? null : entry.getComment().strip();
            return new Parsed(key, fingerprint(key), entry.getKeyType() + " " + encoded(trimmed), comment);
        } catch (Exception e) {
            throw new IllegalArgumentException(NOT_A_KEY, e);
        }
    }

    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    private static String encoded(String line) {
        String[] parts = line.split("\\s+");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].startsWith("ssh-") || parts[i].startsWith("ecdsa-") || parts[i].startsWith("sk-")) {
                return parts[i + 1];
            }
        }
        throw new IllegalArgumentException(NOT_A_KEY);
    }
}
