package dev.paas.api;

import java.time.Instant;

/**
 * One backup of an add-on.
 *
 * @param status   {@code running}, {@code succeeded} or {@code failed} (then {@code failure} says why)
 * @param madeBy   who took it: a user's name, or {@code schedule}
 * @param sizeBytes the stored dump's size (compressed), null until it succeeded
 */
public record BackupView(long id, String addon, String type, String status, String madeBy, Long sizeBytes,
                         String failure, Instant startedAt, Instant finishedAt) {
}
