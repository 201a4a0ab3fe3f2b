package dev.paas.controller.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Password hashes through spring-security-crypto's {@link DelegatingPasswordEncoder}: new hashes are
 * {@code {pbkdf2@SpringSecurity_v5_8}...} (PBKDF2-HMAC-SHA256, 310,000 iterations), and the id in front lets the
 * algorithm change later without locking anyone out. Hashes this platform stored before, {@code
 * pbkdf2$iterations$salt$hash} without an id, are still accepted; {@link #needsUpgrade} says so, and the next
 * sign-in stores a new hash.
 */
final class Passwords {

    private static final String CURRENT = "pbkdf2@SpringSecurity_v5_8";
    private static final PasswordEncoder ENCODER = encoder();
    /** Checked when the user name is unknown, so that an unknown name costs as much time as a wrong password. */
    private static final String DECOY = ENCODER.encode("decoy password, never anyone's");

    private Passwords() {
    }

    static String hash(String password) {
        return ENCODER.encode(password);
    }

    static boolean matches(String password, String stored) {
        try {
            return ENCODER.matches(password, stored);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the time of one password check, for a user name that does not exist. */
    static void checkDecoy(String password) {
        ENCODER.matches(password, DECOY);
    }

    static boolean needsUpgrade(String stored) {
        return ENCODER.upgradeEncoding(stored);
    }

    private static PasswordEncoder encoder() {
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(CURRENT,
                Map.of(CURRENT, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
        encoder.setDefaultPasswordEncoderForMatches(new EarlierHashes());
        return encoder;
    }

    /** The format stored before hashes carried an id: {@code pbkdf2$iterations$salt$hash}, PBKDF2-HMAC-SHA256. */
    private static final class EarlierHashes implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            throw new UnsupportedOperationException("new hashes are made by the current encoder");
        }

        @Override
        public boolean matches(CharSequence raw, String stored) {
            String[] parts = stored == null ? new String[0] : stored.split("\\$");
            if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
                return false;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] expected = Base64.getDecoder().decode(parts[3]);
                int iterations = Integer.parseInt(parts[1]);
                PBEKeySpec spec = new PBEKeySpec(raw.toString().toCharArray(), salt, iterations, 256);
                byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(expected, derived);
            } catch (IllegalArgumentException | GeneralSecurityException malformed) {
                return false;
            }
        }
    }
}
