package dev.paas.controller.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks API tokens. A token is 32 random bytes; only its SHA-256 is stored, so a database
 * leak does not hand out working tokens. (A fast hash is right here: the token has full entropy.)
 */
@Service
public class TokenService {

    private final SecureRandom random = new SecureRandom();
    private final ApiTokenRepository tokens;

    TokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Transactional
    public String issue(User user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new ApiToken(user, sha256(token)));
        return token;
    }

    @Transactional(readOnly = true)
    public Optional<User> userForToken(String token) {
        return tokens.findByTokenHash(sha256(token)).map(ApiToken::getUser);
    }

    public static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
