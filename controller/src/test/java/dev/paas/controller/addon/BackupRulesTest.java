package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BackupRulesTest {

    private static final AddonType.Credentials CREDENTIALS = new AddonType.Credentials("u", "p", "d");

    private static Addon postgres() {
        return new Addon("postgres-amber-42", AddonType.POSTGRES, "hobby", 1L, 1L, 1L, CREDENTIALS, 19000);
    }

    private static Backup backup(String type, String status, boolean scheduled) {
        Backup b = new Backup(postgres(), "ana", scheduled);
        org.springframework.test.util.ReflectionTestUtils.setField(b, "addonType", type);
        if (Backup.SUCCEEDED.equals(status)) {
            b.succeeded(10);
        } else if (Backup.FAILED.equals(status)) {
            b.failed("pg_dump exited with 1");
        }
        return b;
    }

    @Test
    void aBackupOfAnotherServiceTypeIsNotRestored() {
        assertThat(BackupRules.refuseRestore(backup("mysql", Backup.SUCCEEDED, false), postgres()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is a mysql dump")
                        .contains("cannot be restored into postgres-amber-42, a postgres add-on"));
        Addon redis = new Addon("redis-amber-42", AddonType.REDIS, "hobby", 1L, 1L, 1L, CREDENTIALS, 19000);
        assertThat(BackupRules.refuseRestore(backup("postgres", Backup.SUCCEEDED, false), redis))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is a postgres dump")
                        .contains("cannot be restored into redis-amber-42, a redis add-on"));
    }

    @Test
    void onlyASucceededBackupIsRestored() {
        assertThat(BackupRules.refuseRestore(backup("postgres", Backup.FAILED, false), postgres()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("failed: only a succeeded backup"));
        assertThat(BackupRules.refuseRestore(backup("postgres", Backup.RUNNING, false), postgres())).isPresent();
        assertThat(BackupRules.refuseRestore(backup("postgres", Backup.SUCCEEDED, false), postgres())).isEmpty();
    }

    @Test
    void theScheduleTakesHoursAndMinutesOnly() {
        assertThat(BackupRules.time("02:00")).contains("02:00");
        assertThat(BackupRules.time("23:59")).contains("23:59");
        for (String bad : new String[] {null, "", "2:00", "24:00", "02:60", "29:00", "02:00:00", "0200", "02:00;x"}) {
            assertThat(BackupRules.time(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(BackupRules.validKeep(1)).isTrue();
        assertThat(BackupRules.validKeep(100)).isTrue();
        assertThat(BackupRules.validKeep(0)).isFalse();
        assertThat(BackupRules.validKeep(101)).isFalse();
        assertThat(BackupRules.validKeep(null)).isFalse();
    }

    @Test
    void retentionDropsTheOldestScheduledBackupsAndKeepsManualOnes() {
        List<Backup> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(backup("postgres", Backup.SUCCEEDED, true));
        }
        Backup manual = backup("postgres", Backup.SUCCEEDED, false);
        newestFirst.add(2, manual);
        List<Backup> dropped = BackupRules.beyondRetention(newestFirst, 3);
        assertThat(dropped).containsExactly(newestFirst.get(4), newestFirst.get(5)).doesNotContain(manual);
        assertThat(BackupRules.beyondRetention(newestFirst, 7)).isEmpty();
    }

    @Test
    void aScheduledBackupIsDueInItsMinuteOnceAnHour() {
        Instant now = Instant.parse("2026-01-01T02:00:30Z");
        LocalTime time = LocalTime.of(2, 0, 30);
        assertThat(BackupRules.due("02:00", time, Optional.empty(), now)).isTrue();
        assertThat(BackupRules.due("02:00", time, Optional.of(now.minusSeconds(86_400)), now)).isTrue();
        assertThat(BackupRules.due("02:00", time, Optional.of(now.minusSeconds(20)), now)).isFalse();
        assertThat(BackupRules.due("02:01", time, Optional.empty(), now)).isFalse();
        assertThat(BackupRules.due(null, time, Optional.empty(), now)).isFalse();
    }
}
