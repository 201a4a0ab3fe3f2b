package dev.paas.controller.addon;

import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ports add-ons get ({@code paas.addons.ports}, default 19000-19999), one per live add-on across the cluster: the
 * service listens on it and is published on its node's address at the same port. The range must lie outside the
 * nodes' app port ranges, which the agents' firewalls keep apps from reaching on other nodes.
 */
record AddonPorts(int first, int last) {

    static final String DEFAULT = "19000-19999";

    AddonPorts {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("paas.addons.ports " + first + "-" + last
                    + " is invalid: FIRST-LAST within 1024-65535.");
        }
    }

    static AddonPorts parse(String range) {
        String[] parts = range == null ? new String[0] : range.strip().split("-");
        try {
            if (parts.length == 2) {
                return new AddonPorts(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("paas.addons.ports '" + range + "' is invalid: FIRST-LAST, e.g. "
                + DEFAULT + ".");
    }

    /** The lowest port of the range that no live add-on has. */
    OptionalInt free(Collection<Integer> taken) {
        Set<Integer> used = new HashSet<>(taken);
        for (int port = first; port <= last; port++) {
            if (!used.contains(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }
}
