package dev.paas.controller.addon;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** The backups' decisions, pure: which backup may be restored where, the schedule's input, what retention drops. */
final class BackupRules {

    static final int KEEP_MAX = 100;

    private BackupRules() {
    }

    /** Why {@code backup} cannot be restored into {@code addon}, or empty if it can. */
    static Optional<String> refuseRestore(Backup backup, Addon addon) {
        if (!backup.getAddonType().equals(addon.type().name())) {
            return Optional.of("Backup " + backup.getId() + " is a " + backup.getAddonType() + " dump: it cannot be"
                    + " restored into " + addon.getName() + ", a " + addon.type().name() + " add-on.");
        }
        if (!Backup.SUCCEEDED.equals(backup.getStatus())) {
            return Optional.of("Backup " + backup.getId() + " " + backup.getStatus() + ": only a succeeded backup"
                    + " can be restored.");
        }
        return Optional.empty();
    }

    /** {@code HH:MM} (24 h, UTC), as stored; empty if {@code at} is anything else. */
    static Optional<String> time(String at) {
        return at != null && at.matches("([01][0-9]|2[0-3]):[0-5][0-9]") ? Optional.of(at) : Optional.empty();
    }

    static boolean validKeep(Integer keep) {
        return keep != null && keep >= 1 && keep <= KEEP_MAX;
    }

    /** The scheduled backups beyond the newest {@code keep} (newest first in {@code backups}); manual ones stay. */
    static List<Backup> beyondRetention(List<Backup> backups, int keep) {
        List<Backup> scheduled = backups.stream().filter(Backup::isScheduled)
                .filter(b -> Backup.SUCCEEDED.equals(b.getStatus()) || Backup.FAILED.equals(b.getStatus())).toList();
        return scheduled.size() <= keep ? List.of() : scheduled.subList(keep, scheduled.size());
    }

    /** Whether a scheduled backup at {@code at} is due at {@code now} (HH:MM) and none was made in this minute. */
    static boolean due(String at, LocalTime now, Optional<java.time.Instant> lastScheduled, java.time.Instant instant) {
        if (at == null || !at.equals(now.withSecond(0).withNano(0).toString())) {
            return false;
        }
        return lastScheduled.map(last -> last.isBefore(instant.minusSeconds(3600))).orElse(true);
    }
}
