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
        assertThat(AddonType.POSTGRES.url("postgres-amber-42", 19000, CREDENTIALS))
                .isEqualTo("postgres://uabc:s3cret@postgres-amber-42:19000/dxyz");
    }

    @Test
    void theServiceLearnsItsCredentialsFromItsEnvironment() {
        assertThat(AddonType.POSTGRES.env(CREDENTIALS, 19000)).isEqualTo(Map.of("POSTGRES_USER", "uabc",
                "POSTGRES_PASSWORD", "s3cret", "POSTGRES_DB", "dxyz", "PGPORT", "19000"));
    }

    @Test
    void mysqlAndRedisHaveTheirOwnUrlsAndVariables() {
        assertThat(AddonType.MYSQL.url("mysql-amber-42", 19001, CREDENTIALS))
                .isEqualTo("mysql://uabc:s3cret@mysql-amber-42:19001/dxyz");
        assertThat(AddonType.REDIS.url("redis-amber-42", 19002, CREDENTIALS))
                .isEqualTo("redis://uabc:s3cret@redis-amber-42:19002");
        assertThat(AddonNames.varFor(null, AddonType.MYSQL)).contains("MYSQL_URL");
        assertThat(AddonNames.varFor(null, AddonType.REDIS)).contains("REDIS_URL");
        assertThat(AddonType.MYSQL.env(CREDENTIALS, 19001)).isEqualTo(Map.of("MYSQL_USER", "uabc",
                "MYSQL_PASSWORD", "s3cret", "MYSQL_DATABASE", "dxyz", "MYSQL_TCP_PORT", "19001"));
        assertThat(AddonType.REDIS.env(CREDENTIALS, 19002)).isEqualTo(Map.of("REDIS_USER", "uabc",
                "REDIS_PASSWORD", "s3cret", "REDIS_PORT", "19002"));
    }

    @Test
    void mysqlAndRedisDumpAndRestoreWithTheirImagesScriptsAndNoSecretOnTheCommandLine() {
        for (AddonType type : List.of(AddonType.MYSQL, AddonType.REDIS)) {
            assertThat(type.dumpCommand(CREDENTIALS)).containsExactly("paas-backup");
            assertThat(type.restoreCommand(CREDENTIALS, "/var/lib/paas-restore/x.dump"))
                    .containsExactly("paas-restore", "/var/lib/paas-restore/x.dump");
            assertThat(type.restoreDir()).isEqualTo("/var/lib/paas-restore");
        }
        assertThat(AddonType.POSTGRES.dumpCommand(CREDENTIALS)).doesNotContain("s3cret");
    }

    @Test
    void aRotationReplacesTheServiceContainerWithTheNewPassword() {
        Addon addon = new Addon("redis-amber-42", AddonType.REDIS, "hobby", 1L, 1L, 1L, CREDENTIALS, 19003);
        addon.observe("up");
        addon.rotate("n3w", 19004);
        DesiredContainer service = AddonDesired.service(addon, "10.0.0.1:5000");
        assertThat(service.name()).isEqualTo("addon.redis-amber-42.c2");
        assertThat(service.env()).containsEntry("REDIS_PASSWORD", "n3w");
        // An add-on that has a port keeps it.
        assertThat(addon.url()).isEqualTo("redis://uabc:n3w@redis-amber-42:19003");
        assertThat(addon.getObservedState()).isEqualTo(Addon.PENDING);
        // Its volume and network stay: the data and the attached apps' reach go on.
        assertThat(service.service().volume()).isEqualTo("paas-addon-redis-amber-42");
        assertThat(service.networks()).isEqualTo(List.of("paas-addon-redis-amber-42"));
    }

    @Test
    void anAddonMadeBeforeAddonPortsKeepsItsTypesPortUntilARotationGivesItOne() {
        Addon addon = new Addon("redis-amber-42", AddonType.REDIS, "hobby", 1L, 1L, 1L, CREDENTIALS, null);
        DesiredContainer before = AddonDesired.service(addon, "10.0.0.1:5000");
        assertThat(addon.url()).isEqualTo("redis://uabc:s3cret@redis-amber-42:6379");
        assertThat(before.port()).isEqualTo(6379);
        assertThat(before.service().hostPort()).isNull();
        assertThat(addon.published()).isFalse();

        addon.rotate("n3w", 19005);
        DesiredContainer after = AddonDesired.service(addon, "10.0.0.1:5000");
        assertThat(addon.url()).isEqualTo("redis://uabc:n3w@redis-amber-42:19005");
        assertThat(after.port()).isEqualTo(19005);
        assertThat(after.service().hostPort()).isEqualTo(19005);
        assertThat(after.env()).containsEntry("REDIS_PORT", "19005");
        assertThat(addon.published()).isTrue();
    }

    @Test
    void unknownTypesAreNotFound() {
        assertThat(AddonType.named("postgres")).contains(AddonType.POSTGRES);
        assertThat(AddonType.named("mongodb")).isEmpty();
        assertThat(AddonType.named(null)).isEmpty();
        assertThat(AddonType.named("mysql")).contains(AddonType.MYSQL);
        assertThat(AddonType.named("redis")).contains(AddonType.REDIS);
        assertThat(AddonType.names()).isEqualTo("postgres, mysql, redis");
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
        Addon addon = new Addon("postgres-amber-42", AddonType.POSTGRES, "hobby", 1L, 1L, 1L, CREDENTIALS, 19000);
        DesiredContainer service = AddonDesired.service(addon, "10.0.0.1:5000");
        assertThat(service.name()).isEqualTo("addon.postgres-amber-42");
        assertThat(service.image()).isEqualTo("paas/addon-postgres:15-r2");
        assertThat(service.memoryMb()).isEqualTo(256);
        // It listens on its own port and is published at the same one.
        assertThat(service.port()).isEqualTo(19000);
        assertThat(service.command()).isEmpty();
        assertThat(service.networks()).isEqualTo(List.of("paas-addon-postgres-amber-42"));
        // The image keeps its local name (the controller's host has it); another host pulls it from the registry.
        assertThat(service.service()).isEqualTo(new ServiceParts("postgres-amber-42", "paas-addon-postgres-amber-42",
                "/var/lib/postgresql/data", "postgres", 19000, "10.0.0.1:5000/paas/addon-postgres:15-r2"));
        assertThat(service.env()).containsEntry("POSTGRES_PASSWORD", "s3cret").containsEntry("PGPORT", "19000");
    }
}
