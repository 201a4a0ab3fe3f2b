package dev.paas.controller.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.paas.controller.PaasProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts certificates' private keys before they reach the database: AES-256-GCM with the platform's key, 32 random
 * bytes kept in {@code <data dir>/secrets/certificates.key} (mode 0600, its directory 0700), made on first use. The
 * database alone (a dump, a backup, a read-only leak) then holds no usable key. Each key is bound to its certificate
 * (the fingerprint is the additional authenticated data), so a ciphertext moved to another row does not decrypt.
 * Stored as nonce (12 bytes) then ciphertext and tag.
 */
@Component
public class KeyCipher {

    static final String KEY_FILE = "certificates.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    @Autowired
    KeyCipher(PaasProperties properties) {
        this(properties.dataDir().resolve("secrets").resolve(KEY_FILE));
    }

    KeyCipher(Path keyFile) {
        this.keyFile = keyFile;
    }

    byte[] encrypt(String plain, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a private key: " + e.getClass().getSimpleName(), e);
        }
    }

    String decrypt(byte[] stored, String boundTo) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Another platform key than the one that encrypted it (secrets recreated), or a changed row.
            throw new IllegalStateException("A stored private key does not decrypt with " + keyFile
                    + ": was the secrets directory replaced? Upload the certificate again.", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(), "AES");
                }
                known = key;
            }
        }
        return known;
    }

    private byte[] loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                create();
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (key.length != 32) {
                throw new IllegalStateException(keyFile + " does not hold a 256-bit key (base64 of 32 bytes)");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the certificates' key " + keyFile + ": " + e, e);
        }
    }

    /** Written aside with mode 0600 from the start, then linked into place: never readable by others, never half written. */
    private void create() throws IOException {
        Path dir = keyFile.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Path next = Files.createTempFile(dir, KEY_FILE, ".next",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
        try {
            // A second controller racing to create it keeps the first one's key (link fails if it exists).
            Files.createLink(keyFile, next);
        } catch (FileAlreadyExistsException taken) {
            // the other one's key is read by the caller
        } finally {
            Files.deleteIfExists(next);
        }
    }
}
