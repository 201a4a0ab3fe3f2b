package dev.paas.controller.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.paas.api.ObservedContainer;

/**
 * What the controller believes of a node's report: only what it says of the containers the controller placed on that
 * node, and only host ports inside the range the node declared at registration (or, for an add-on's service, its
 * own port). A node speaks for itself, never for another node's containers nor for a port where some other service
 * of its host may listen. A container's bridge
 * address is kept only when it is a plain unicast IPv4 address outside loopback, "this network" and link-local
 * (169.254/16: cloud metadata services): routers on the node's network host connect there, to the app's port, and a
 * node must not point them at the host's own loopback services (the registry listens on 127.0.0.1:5000, the apps'
 * default port). Anything else is dropped, not refused: those routers then use the published port.
 */
final class ReportCheck {

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

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

    /** With no add-on service published outside the range. */
    static Checked check(Set<String> placedNames, int firstPort, int lastPort, List<ObservedContainer> observed) {
        return check(placedNames, Map.of(), firstPort, lastPort, observed);
    }

    /**
     * @param published the add-on services' own ports by container name (addon.AddonDesired.OnNode#published):
     *                  each may be reported on its own port, outside the range, and only on that one
     */
    static Checked check(Set<String> placedNames, Map<String, Integer> published, int firstPort, int lastPort,
                         List<ObservedContainer> observed) {
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
            if (port != null && (port < firstPort || port > lastPort) && !port.equals(published.get(seen.name()))) {
                badPorts.add(seen.name() + " on port " + port);
            }
            String ip = directIp(seen.ip());
            placed.put(seen.name(), Objects.equals(ip, seen.ip()) ? seen : new ObservedContainer(seen.name(),
                    seen.dockerId(), seen.state(), seen.hostPort(), seen.lastExit(), seen.lastExitAt(), ip));
        }
        return new Checked(placed, unplaced, badPorts);
    }

    /** The address if a router may connect to it (see the class comment), else null. */
    static String directIp(String ip) {
        if (ip == null || !DOTTED_QUAD.matcher(ip).matches()) {
            return null;
        }
        int[] octets = new int[4];
        String[] parts = ip.split("\\.");
        for (int i = 0; i < 4; i++) {
            if (parts[i].length() > 1 && parts[i].startsWith("0")) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) {
                return null;
            }
        }
        boolean special = octets[0] == 0 || octets[0] == 127 || octets[0] >= 224
                || octets[0] == 169 && octets[1] == 254;
        return special ? null : ip;
    }
}
