package dev.paas.cli.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One OpenSSH public key line: {@code ssh-ed25519 AAAA... me@laptop}.
 *
 * @param comment the key's comment, or null
 */
public record SshPublicKey(String type, String base64, String comment) {

    /** The keys {@code paas keys:add} uploads when given no file, in order of preference. */
    static final List<String> DEFAULT_FILES = List.of("id_ed25519.pub", "id_rsa.pub");

    /** The first of ~/.ssh/id_ed25519.pub and ~/.ssh/id_rsa.pub that exists. */
    public static Optional<Path> defaultFile(Path home) {
        return DEFAULT_FILES.stream().map(name -> home.resolve(".ssh").resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    /** @throws IllegalArgumentException when the file holds something else, such as a private key */
    public static SshPublicKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static SshPublicKey parse(String text) {
        String line = text.strip();
        if (line.startsWith("-----BEGIN")) {
            throw new IllegalArgumentException("this is a private key: give the matching .pub file");
        }
        if (line.isEmpty() || line.contains("\n")) {
            throw new IllegalArgumentException("expected exactly one line like 'ssh-ed25519 AAAA... me@laptop'");
        }
        String[] fields = line.split("\\s+", 3);
        if (fields.length < 2 || !isKeyType(fields[0])) {
            throw new IllegalArgumentException("not an OpenSSH public key line like 'ssh-ed25519 AAAA... me@laptop'");
        }
        try {
            Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key data is not valid base64");
        }
        return new SshPublicKey(fields[0], fields[1], fields.length == 3 ? fields[2] : null);
    }

    static boolean isKeyType(String field) {
        return field.startsWith("ssh-") || field.startsWith("ecdsa-") || field.startsWith("sk-");
    }

    /** The line as sent to the controller. */
    public String line() {
        return comment == null ? type + " " + base64 : type + " " + base64 + " " + comment;
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -l} and the controller print it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
