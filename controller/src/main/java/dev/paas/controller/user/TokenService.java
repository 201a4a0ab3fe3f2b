package dev.paas.controller.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks API tokens. A token is 32 random bytes; only its SHA-256 is stored, so a database
 * leak does not hand out working tokens. (A fast hash is right here: the token has full entropy.) A token unused
 * for {@link LoginSettings#tokenIdleExpiry()} stops working and is deleted when next presented; its last use is
 * written at most once an hour, so that checking a token is not a write per request.
 */
@Service
public class TokenService {

    private static final Duration USE_RECORDED_EVERY = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();
    private final ApiTokenRepository tokens;
    private final Duration idleExpiry;

    TokenService(ApiTokenRepository tokens, LoginSettings settings) {
        this.tokens = tokens;
        this.idleExpiry = settings.tokenIdleExpiry();
    }

    @Transactional
    public String issue(User user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new ApiToken(user, sha256(token)));
        return token;
    }

    @Transactional
    public Optional<User> userForToken(String token) {
        Optional<ApiToken> found = tokens.findByTokenHash(sha256(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        ApiToken apiToken = found.get();
        if (apiToken.getLastUsedAt().plus(idleExpiry).isBefore(now)) {
            tokens.delete(apiToken);
            return Optional.empty();
        }
        if (apiToken.getLastUsedAt().plus(USE_RECORDED_EVERY).isBefore(now)) {
            apiToken.usedAt(now);
        }
        return Optional.of(apiToken.getUser());
    }

    /** Forgets a token: it no longer signs anyone in. */
    @Transactional
    public void revoke(String token) {
        tokens.deleteByTokenHash(sha256(token));
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
