package dev.paas.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    /** "correct horse" as this platform stored hashes before they carried an algorithm id (1,000 iterations). */
    static final String EARLIER_HASH = "pbkdf2$1000$MDEyMzQ1Njc4OWFiY2RlZg==$cBg8D2DungRB9k76szThf5ehfyBz991ay6PT8Srwk4M=";

    @Test
    void matchesOnlyTheRightPasswordAndSaltsEachHash() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("{pbkdf2@SpringSecurity_v5_8}").doesNotContain("correct horse");
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("correct horsE", hash)).isFalse();
        assertThat(Passwords.hash("correct horse")).isNotEqualTo(hash);
        assertThat(Passwords.needsUpgrade(hash)).isFalse();
    }

    @Test
    void hashesStoredBeforeStillMatchAndAreMarkedForUpgrade() {
        assertThat(Passwords.matches("correct horse", EARLIER_HASH)).isTrue();
        assertThat(Passwords.matches("correct horsE", EARLIER_HASH)).isFalse();
        assertThat(Passwords.needsUpgrade(EARLIER_HASH)).isTrue();
    }

    @Test
    void rejectsMalformedStoredValues() {
        assertThat(Passwords.matches("x", "plain")).isFalse();
        assertThat(Passwords.matches("x", "md5$1$a$b")).isFalse();
        assertThat(Passwords.matches("x", "pbkdf2$notanumber$a$b")).isFalse();
        assertThat(Passwords.matches("x", "{nosuch}abc")).isFalse();
        assertThat(Passwords.matches("x", "")).isFalse();
    }

    @Test
    void tokensAreHashedWithSha256Hex() {
        assertThat(TokenService.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
