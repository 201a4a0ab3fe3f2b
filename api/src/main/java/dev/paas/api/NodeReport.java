package dev.paas.api;

import java.util.List;

/** A node-agent's periodic report: its heartbeat and every platform container it observes. */
public record NodeReport(List<ObservedContainer> containers) {
}
