package dev.paas.api;

/** A restore that replaced an add-on's data with backup {@code backup}, and how long it took. */
public record RestoreResult(String addon, long backup, double seconds) {
}
