package dev.paas.api;

/** A daily backup at {@code at} (HH:MM, UTC), keeping the newest {@code keep} scheduled ones. */
public record BackupSchedule(String at, Integer keep) {
}
