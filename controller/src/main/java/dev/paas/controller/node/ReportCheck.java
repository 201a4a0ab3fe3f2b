package dev.paas.controller.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paas.api.ObservedContainer;

/**
 * What the controller believes of a node's report: only what it says of the containers the controller placed on that
 * node, and only host ports inside the range the node declared at registration. A node speaks for itself, never for
 * another node's containers nor for a port where some other service of its host may listen.
 */
final class ReportCheck {

    /**
     * @param placed     what the report says of containers placed on the node, by name
     * @param unplaced   the names it reports that the controller did not place there: ignored
     * @param badPorts   one line per placed container reported on a host port outside the range: the report is refused
     */
    record Checked(Map<String, ObservedContainer> placed, List<ObservedContainer> unplaced, List<String> badPorts) {

        boolean refused() {
            return !badPorts.isEmpty();
        }
    }

    private ReportCheck() {
    }

    static Checked check(Set<String> placedNames, int firstPort, int lastPort, List<ObservedContainer> observed) {
        Map<String, ObservedContainer> placed = new HashMap<>();
        List<ObservedContainer> unplaced = new ArrayList<>();
        List<String> badPorts = new ArrayList<>();
        for (ObservedContainer seen : observed) {
            if (seen == null || seen.name() == null) {
                continue;
            }
            if (!placedNames.contains(seen.name())) {
                unplaced.add(seen);
                continue;
            }
            Integer port = seen.hostPort();
            if (port != null && (port < firstPort || port > lastPort)) {
                badPorts.add(seen.name() + " on port " + port);
            }
            placed.put(seen.name(), seen);
        }
        return new Checked(placed, unplaced, badPorts);
    }
}
