package dev.paas.controller.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.paas.api.ObservedContainer;

/**
 * The last report of each node that changed nothing, with the change feed's version it was stored at. The same
 * report again at the same version would change nothing again (storing a report is idempotent, and every change to
 * what a node runs moves the feed), so it is only a heartbeat: no database read or transaction. Most reports of a
 * cluster at rest are such repeats (an agent reports every 5 s).
 */
final class UnchangedReports {

    private record Last(List<ObservedContainer> containers, long version) {
    }

    private final Map<String, Last> last = new ConcurrentHashMap<>();

    /** Whether the node's report is the one it made last, at the same feed version, and that changed nothing. */
    boolean repeats(String node, List<ObservedContainer> containers, long version) {
        Last known = last.get(node);
        return known != null && known.version() == version && known.containers().equals(containers);
    }

    /** The report was stored at {@code version} and changed nothing. */
    void unchanged(String node, List<ObservedContainer> containers, long version) {
        last.put(node, new Last(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(containers)), version));
    }

    /** The report changed something, or failed: the next one is read in full. */
    void forget(String node) {
        last.remove(node);
    }
}
