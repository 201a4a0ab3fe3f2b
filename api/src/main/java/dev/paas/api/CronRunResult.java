package dev.paas.api;

/**
 * {@code paas cron:run NAME}: how the run ended, or that it still runs (its output is in {@code paas logs} either
 * way, as {@code cron[NAME]}).
 *
 * @param exitCode null while it still runs
 */
public record CronRunResult(String name, int release, Integer exitCode, String message) {
}
