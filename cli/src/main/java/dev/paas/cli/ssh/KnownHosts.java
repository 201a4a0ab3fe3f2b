package dev.paas.cli.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Adds the git server's host keys to an OpenSSH known_hosts file, so that the first {@code git push} does not stop
 * at "Are you sure you want to continue connecting?". Only appends; existing lines, hashed or not, are kept.
 */
public final class KnownHosts {

    private KnownHosts() {
    }

    /** How OpenSSH names a host in known_hosts: {@code [host]:port}, or the bare host on port 22. */
    public static String hostPattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /**
     * The lines to append so that {@code existing} trusts every one of {@code hostKeys} for host and port.
     *
     * @param hostKeys OpenSSH public key lines ({@code keytype base64 [comment]}); malformed ones are skipped
     */
    public static List<String> missing(List<String> existing, String host, int port, List<String> hostKeys) {
        String pattern = hostPattern(host, port);
        List<String> toAdd = new ArrayList<>();
        for (String hostKey : hostKeys) {
            String[] key = hostKey.strip().split("\\s+");
            if (key.length < 2 || !SshPublicKey.isKeyType(key[0])) {
                continue;
            }
            String line = pattern + " " + key[0] + " " + key[1];
            boolean known = toAdd.contains(line)
                    || existing.stream().anyMatch(entry -> matches(entry, pattern, key[0], key[1]));
            if (!known) {
                toAdd.add(line);
            }
        }
        return toAdd;
    }

    /**
     * Appends what is missing to {@code file}, creating it (and a private ~/.ssh) if needed.
     *
     * @return the lines added
     */
    public static List<String> merge(Path file, String host, int port, List<String> hostKeys) throws IOException {
        List<String> existing = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> toAdd = missing(existing, host, port, hostKeys);
        if (toAdd.isEmpty()) {
            return toAdd;
        }
        if (!Files.exists(file)) {
            create(file);
        }
        StringBuilder text = new StringBuilder();
        if (Files.size(file) > 0 && !endsWithNewline(file)) {
            text.append('\n');
        }
        toAdd.forEach(line -> text.append(line).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return toAdd;
    }

    private static boolean matches(String entry, String pattern, String type, String base64) {
        String line = entry.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
            return false; // @cert-authority and @revoked lines never count as trusting a plain key
        }
        String[] fields = line.split("\\s+");
        if (fields.length < 3 || !fields[1].equals(type) || !fields[2].equals(base64)) {
            return false;
        }
        if (fields[0].startsWith("|1|")) {
            return hashedMatches(fields[0], pattern);
        }
        for (String name : fields[0].split(",")) {
            if (name.toLowerCase(Locale.ROOT).equals(pattern.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Entries written with HashKnownHosts (Debian's default): {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}. */
    private static boolean hashedMatches(String field, String pattern) {
        String[] parts = field.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            Base64.Decoder decoder = Base64.getDecoder();
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decoder.decode(parts[2]), "HmacSHA1"));
            byte[] hash = mac.doFinal(pattern.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(hash, decoder.decode(parts[3]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes[bytes.length - 1] == '\n';
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
