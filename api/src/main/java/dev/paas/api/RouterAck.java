package dev.paas.api;

/** A router tells the controller which route table version nginx now serves. */
public record RouterAck(long version) {
}
