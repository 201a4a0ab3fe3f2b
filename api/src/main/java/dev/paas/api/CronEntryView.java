package dev.paas.api;

import java.time.Instant;

/**
 * One cron entry of an app's current release ({@code paas cron}).
 *
 * @param lastRunAt    when it last started (by its schedule or {@code paas cron:run}), or null
 * @param lastExitCode how its last run ended, or null while it runs or if it never ran
 * @param nextRunAt    its next scheduled start (UTC), or null if its schedule names none
 */
public record CronEntryView(String name, String command, String schedule, String concurrencyPolicy,
                            Instant lastRunAt, Integer lastExitCode, Instant nextRunAt, boolean running) {
}
