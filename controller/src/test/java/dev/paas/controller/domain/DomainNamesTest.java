package dev.paas.controller.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

    private static DomainNames.Checked check(String name) {
        return DomainNames.check(name, "localhost");
    }

    @Test
    void plainHostNamesAreAcceptedInLowerCaseWithoutATrailingDot() {
        assertThat(check("www.example.com").hostname()).isEqualTo("www.example.com");
        assertThat(check("  WWW.Example.COM.").hostname()).isEqualTo("www.example.com");
        assertThat(check("a-1.b2.example").hostname()).isEqualTo("a-1.b2.example");
        assertThat(check("x".repeat(63) + ".example.com").ok()).isTrue();
    }

    @Test
    void internationalNamesBecomePunycode() {
        assertThat(check("Bücher.example").hostname()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "exa mple.com", "under_score.com", "-lead.example.com", "trail-.example.com",
            "a..b.com", ".example.com", "example.com..", "semi;colon.com", "quote\".com", "a/b.com", "10.0.0.1"})
    void malformedNamesAreRefusedWithTheNameInTheMessage(String name) {
        DomainNames.Checked checked = check(name);
        assertThat(checked.ok()).isFalse();
        assertThat(checked.hostname()).isNull();
        assertThat(checked.problem()).startsWith("Domain '" + name.strip() + "' is invalid: ").contains("www.example.com");
    }

    @Test
    void tooLongNamesAndLabelsAreRefused() {
        assertThat(check("x".repeat(64) + ".example.com").problem()).contains("1 to 63");
        String long254 = ("a".repeat(49) + ".").repeat(5) + "abc";
        assertThat(long254).hasSize(253);
        assertThat(check(long254).ok()).isTrue();
        assertThat(check("a" + long254).problem()).contains("at most 253 characters");
    }

    @Test
    void wildcardsReservedNamesAndThePlatformsOwnDomainAreRefused() {
        assertThat(check("*.example.com").problem()).contains("wildcard domains are not supported");
        assertThat(check("paas-router-probe.invalid").problem()).contains("reserved");
        assertThat(check("hello.localhost").problem()).contains("under the platform's own domain localhost");
        assertThat(check("api.hello.LOCALHOST").problem()).contains("under the platform's own domain");
        assertThat(DomainNames.check("shop.apps.example.com", "apps.example.com").ok()).isFalse();
        assertThat(DomainNames.check("example.com", "apps.example.com").ok()).isTrue();
        assertThat(check("mylocalhost.com").ok()).isTrue();
    }

    @Test
    void missingNamesAreRefused() {
        assertThat(check(null).problem()).startsWith("No domain given");
        assertThat(check("  ").problem()).startsWith("No domain given");
    }
}
