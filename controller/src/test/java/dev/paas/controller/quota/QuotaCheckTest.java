package dev.paas.controller.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class QuotaCheckTest {

    @Test
    void appsUpToTheLimit() {
        assertThat(QuotaCheck.apps("ana", 49, 50)).isEmpty();
        assertThat(QuotaCheck.apps("ana", 50, 50)).contains("You own 50 apps, the limit per user (50): destroy one with"
                + " 'paas destroy', or ask an admin to raise it ('paas quotas:set ana apps=N').");
    }

    @Test
    void containersCountEveryAppOfTheOwnerAndTheScaleMergedOntoTheStructure() {
        Map<String, Integer> structure = Map.of("web", 2, "worker", 1);
        assertThat(QuotaCheck.containers("ana", "hello", 7, structure, Map.of("web", 2), 10)).isEmpty();
        assertThat(QuotaCheck.containers("ana", "hello", 7, structure, Map.of("web", 3), 10)).contains(
                "Scaling hello would make 11 containers across the apps of ana (10 now), over the limit of 10 per"
                        + " user: scale something down, or ask an admin to raise it ('paas quotas:set ana containers=N').");
        assertThat(QuotaCheck.containers("ana", "hello", 0, Map.of(), Map.of("web", 100_000), 100)).isPresent();
    }

    @Test
    void aScaleThatDoesNotGrowIsNeverRefusedEvenOverALoweredLimit() {
        Map<String, Integer> structure = Map.of("web", 8);
        assertThat(QuotaCheck.containers("ana", "hello", 4, structure, Map.of("web", 6), 5)).isEmpty();
        assertThat(QuotaCheck.containers("ana", "hello", 4, structure, Map.of("web", 8), 5)).isEmpty();
        assertThat(QuotaCheck.containers("ana", "hello", 4, structure, Map.of("web", -3), 5)).isEmpty();
        assertThat(QuotaCheck.containers("ana", "hello", 4, structure, Map.of("worker", 1), 5)).isPresent();
    }

    @Test
    void configCountsKeysAndValuesInUtf8Bytes() {
        assertThat(QuotaCheck.bytes(Map.of("AB", "cd", "É", "€"))).isEqualTo(2 + 2 + 2 + 3);
        assertThat(QuotaCheck.config("ana", "hello", Map.of(), Map.of("KEY", "x".repeat(29)), 32)).isEmpty();
        assertThat(QuotaCheck.config("ana", "hello", Map.of("A", "b"), Map.of("KEY", "x".repeat(30)), 32)).contains(
                "The config of hello would be 33 bytes of keys and values (2 now), over the limit of 32 per app:"
                        + " unset something, or ask an admin to raise it ('paas quotas:set ana config-bytes=N').");
        // Shrinking a config that is over a lowered limit is allowed.
        assertThat(QuotaCheck.config("ana", "hello", Map.of("KEY", "x".repeat(40)), Map.of("KEY", "x".repeat(35)), 32))
                .isEmpty();
    }

    @Test
    void domainsUpToTheLimit() {
        assertThat(QuotaCheck.domains("ana", "hello", 19, 20)).isEmpty();
        assertThat(QuotaCheck.domains("ana", "hello", 20, 20)).contains("hello has 20 custom domains, the limit per app (20):"
                + " remove one with 'paas domains:remove', or ask an admin to raise it ('paas quotas:set ana domains=N').");
    }
}
