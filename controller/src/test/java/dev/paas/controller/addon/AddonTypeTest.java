package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.paas.api.DesiredContainer;
import dev.paas.api.ServiceParts;
import org.junit.jupiter.api.Test;

class AddonTypeTest {

    private static final AddonType.Credentials CREDENTIALS = new AddonType.Credentials("uabc", "s3cret", "dxyz");

    @Test
    void aPostgresUrlNamesTheAddonAsItsHost() {
        assertThat(AddonType.POSTGRES.url("postgres-amber-42", CREDENTIALS))
                .isEqualTo("postgres://uabc:s3cret@postgres-amber-42:5432/dxyz");
    }

    @Test
    void theServiceLearnsItsCredentialsFromItsEnvironment() {
        assertThat(AddonType.POSTGRES.env(CREDENTIALS)).isEqualTo(Map.of("POSTGRES_USER", "uabc",
                "POSTGRES_PASSWORD", "s3cret", "POSTGRES_DB", "dxyz"));
    }

    @Test
    void unknownTypesAreNotFound() {
        assertThat(AddonType.named("postgres")).contains(AddonType.POSTGRES);
        assertThat(AddonType.named("mongodb")).isEmpty();
        assertThat(AddonType.named(null)).isEmpty();
        assertThat(AddonType.names()).contains("postgres");
    }

    @Test
    void plansDecideTheMemoryLimit() {
        assertThat(AddonPlans.memoryMb(null)).contains(256);
        assertThat(AddonPlans.memoryMb("hobby")).contains(256);
        assertThat(AddonPlans.memoryMb("standard")).contains(1024);
        assertThat(AddonPlans.memoryMb("gigantic")).isEmpty();
    }

    @Test
    void theServiceContainerHasItsVolumeNetworkUserAndLimit() {
        Addon addon = new Addon("postgres-amber-42", AddonType.POSTGRES, "hobby", 1L, 1L, 1L, CREDENTIALS);
        DesiredContainer service = AddonDesired.service(addon);
        assertThat(service.name()).isEqualTo("addon.postgres-amber-42");
        assertThat(service.image()).isEqualTo("paas/addon-postgres:15");
        assertThat(service.memoryMb()).isEqualTo(256);
        assertThat(service.port()).isEqualTo(5432);
        assertThat(service.command()).isEmpty();
        assertThat(service.networks()).isEqualTo(List.of("paas-addon-postgres-amber-42"));
        assertThat(service.service()).isEqualTo(new ServiceParts("postgres-amber-42", "paas-addon-postgres-amber-42",
                "/var/lib/postgresql/data", "postgres"));
        assertThat(service.env()).containsEntry("POSTGRES_PASSWORD", "s3cret");
    }
}
