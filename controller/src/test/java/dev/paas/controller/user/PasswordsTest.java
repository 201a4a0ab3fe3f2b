package dev.paas.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void matchesOnlyTheRightPasswordAndSaltsEachHash() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("pbkdf2$").doesNotContain("correct horse");
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("correct horsE", hash)).isFalse();
        assertThat(Passwords.hash("correct horse")).isNotEqualTo(hash);
    }

    @Test
    void rejectsMalformedStoredValues() {
        assertThat(Passwords.matches("x", "plain")).isFalse();
        assertThat(Passwords.matches("x", "md5$1$a$b")).isFalse();
    }

    @Test
    void tokensAreHashedWithSha256Hex() {
        assertThat(TokenService.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
