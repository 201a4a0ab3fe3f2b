package dev.paas.api;

import java.util.List;

/** Lines a node-agent or router ships to the controller in one request. */
public record LogBatch(List<LogLine> lines) {
}
