package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AddonNamesTest {

    @Test
    void generatedNamesReadTypeWordNumberAndAreValid() {
        Random random = new Random(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String name = AddonNames.generate("postgres", random);
            assertThat(name).matches("postgres-[a-z]+-[1-9][0-9]");
            assertThat(AddonNames.isName(name)).as(name).isTrue();
            seen.add(name);
        }
        assertThat(seen).as("names spread over words and numbers").hasSizeGreaterThan(150);
    }

    @Test
    void namesOutsideTheShapeAreRefusedWhole() {
        for (String bad : new String[] {null, "", "postgres", "postgres-amber", "Postgres-amber-42", "postgres-amber-4",
                "../postgres-amber-42", "postgres-amber-42;", "postgres-amber-42 ", "postgres_amber_42",
                "p-" + "a".repeat(40) + "-42"}) {
            assertThat(AddonNames.isName(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void theVarIsTheTypesDefaultOrTheAliasWithUrl() {
        assertThat(AddonNames.varFor(null, AddonType.POSTGRES)).contains("DATABASE_URL");
        assertThat(AddonNames.varFor("", AddonType.POSTGRES)).contains("DATABASE_URL");
        assertThat(AddonNames.varFor("ANALYTICS", AddonType.POSTGRES)).contains("ANALYTICS_URL");
        assertThat(AddonNames.varFor("ANALYTICS_URL", AddonType.POSTGRES)).contains("ANALYTICS_URL");
        assertThat(AddonNames.varFor("DB2", AddonType.POSTGRES)).contains("DB2_URL");
    }

    @Test
    void anAliasThatIsNotAnUpperCaseConfigKeyIsRefused() {
        for (String bad : new String[] {"analytics", "1DB", "_DB", "DB-2", "DB 2", "DB=1", "PAAS_DB", "PAAS_APP",
                "A".repeat(51), "DB\n", " DB", " ", "ÄDB", "_URL"}) {
            assertThat(AddonNames.varFor(bad, AddonType.POSTGRES)).as(bad).isEmpty();
        }
        assertThat(AddonNames.aliasRule("db")).contains("'db' is invalid").contains("ANALYTICS_URL");
    }

    @Test
    void credentialsAreRandomLettersAndDigits() {
        AddonType.Credentials a = AddonNames.credentials();
        AddonType.Credentials b = AddonNames.credentials();
        assertThat(a.password()).matches("[a-z0-9]{32}").isNotEqualTo(b.password());
        assertThat(a.username()).matches("u[a-z0-9]{11}").isNotEqualTo(b.username());
        assertThat(a.database()).matches("d[a-z0-9]{11}");
    }
}
