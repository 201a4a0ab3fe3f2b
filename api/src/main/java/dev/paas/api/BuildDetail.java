package dev.paas.api;

/** One build with its full log, as {@code paas builds:info ID} shows it. */
public record BuildDetail(BuildView build, String log) {
}
