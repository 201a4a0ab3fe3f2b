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

    /**
     * Where a dump of an add-on is taken or restored: in its service container with {@code docker exec} when that
     * runs on the controller's Docker engine ({@code container}, the running one found there by its label), else
     * from a client container on the controller's host connecting to {@code host:port}, the add-on's node address
     * and its own port.
     */
    record Route(String container, String host, int port) {
        boolean local() {
            return container != null;
        }
    }

    /**
     * The route for an add-on named {@code name}: local if its container runs on the controller's engine, remote if
     * it is published on a node address that is not loopback (a loopback address is this machine, where the
     * container would have been found), else the failure's reason.
     */
    static Route route(String name, Optional<String> localContainer, boolean published, int port,
                       String nodeAddress) {
        if (localContainer.isPresent()) {
            return new Route(localContainer.get(), null, 0);
        }
        if (published && nodeAddress != null && !nodeAddress.isBlank() && !nodeAddress.startsWith("127.")
                && !nodeAddress.equals("localhost") && !nodeAddress.equals("::1")) {
            return new Route(null, nodeAddress, port);
        }
        throw new ServiceExec.ExecFailed("the service container of " + name + " is not running on the controller's"
                + " Docker host");
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
