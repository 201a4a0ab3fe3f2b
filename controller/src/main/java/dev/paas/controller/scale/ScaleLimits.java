package dev.paas.controller.scale;

import java.util.Map;
import java.util.Set;

/** Checks a scale request before anything changes: known types, counts from 0 to {@link #MAX}. */
final class ScaleLimits {

    /** More than this per type is a typo, not a plan, on machines of this size. */
    static final int MAX = 100;

    private ScaleLimits() {
    }

    /** The problem with the request, one line a person can act on, or null when it is fine. */
    static String problem(Map<String, Integer> counts, Set<String> types, String app) {
        if (counts == null || counts.isEmpty()) {
            return "Nothing to scale: give TYPE=COUNT, e.g. web=2.";
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!types.contains(e.getKey())) {
                return "No process type " + e.getKey() + " in " + app + "'s current release: its Procfile has "
                        + (types.isEmpty() ? "none" : String.join(", ", types.stream().sorted().toList())) + ".";
            }
            Integer n = e.getValue();
            if (n == null || n < 0 || n > MAX) {
                return "Cannot scale " + e.getKey() + " to " + n + ": the count must be from 0 to " + MAX + ".";
            }
        }
        return null;
    }
}
