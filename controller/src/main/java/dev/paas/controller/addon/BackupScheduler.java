package dev.paas.controller.addon;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.paas.controller.cluster.Leadership;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes the scheduled backups: every 20 s, each add-on whose daily time (UTC) is this minute and that has no
 * scheduled backup from the last hour gets one, then retention drops the oldest scheduled ones beyond its keep.
 * One controller is assumed (two would each take one).
 */
@Component
class BackupScheduler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BackupScheduler.class);

    private final AddonRepository addons;
    private final BackupRepository backups;
    private final AddonBackups taking;

    private final Leadership leadership;

    BackupScheduler(AddonRepository addons, BackupRepository backups, AddonBackups taking, Leadership leadership) {
        this.leadership = leadership;
        this.addons = addons;
        this.backups = backups;
        this.taking = taking;
    }

    @Scheduled(fixedDelay = 20_000, initialDelay = 20_000)
    void run() {
        if (!leadership.isLeader()) {
            return;
        }
        Instant now = Instant.now();
        LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
        for (Addon addon : addons.findByBackupAtIsNotNullAndDestroyedAtIsNull()) {
            Optional<Instant> last = backups.findByAddonIdOrderByIdDesc(addon.getId()).stream()
                    .filter(Backup::isScheduled).map(Backup::getStartedAt).findFirst();
            if (!BackupRules.due(addon.getBackupAt(), time, last, now)) {
                continue;
            }
            try {
                var taken = taking.capture(addon, "schedule", true);
                log.info("scheduled backup {} of {}: {}", taken.id(), addon.getName(), taken.status());
                taking.prune(addon);
            } catch (RuntimeException e) {
                log.warn("scheduled backup of {} failed: {}", addon.getName(), e.getMessage());
            }
        }
    }
}
