package dev.paas.controller.appjson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The counts and sizes app.json's {@code formation} sets: a type's quantity (size) is applied when the file gives one
 * that was never applied or differs from the one applied last; otherwise the app's count (memory limit) stays, so a
 * {@code paas scale} or {@code paas limits:set} made by hand since survives pushes that do not change the file.
 */
public final class FormationDecision {

    private FormationDecision() {
    }

    /**
     * @param file        the file's formation (type to quantity)
     * @param lastApplied what app.json applied last (empty if never)
     * @param structure   the app's counts now
     * @param types       the process types of the build being released
     * @return the counts to give the app before its release is placed (types the build lacks are left out)
     */
    public static Map<String, Integer> decide(Map<String, Integer> file, Map<String, Integer> lastApplied,
                                              Map<String, Integer> structure, Set<String> types) {
        Map<String, Integer> next = new LinkedHashMap<>(structure);
        file.forEach((type, quantity) -> {
            if (types.contains(type) && !quantity.equals(lastApplied.get(type))) {
                next.put(type, quantity);
            }
        });
        return next;
    }

    /**
     * @param file        the file's sizes (type to memory in MB)
     * @param lastApplied the sizes app.json applied last (empty if never)
     * @param types       the process types of the build being released
     * @return the memory limits to set before the release is placed: only the types whose size is new or changed
     */
    public static Map<String, Integer> sizes(Map<String, Integer> file, Map<String, Integer> lastApplied,
                                             Set<String> types) {
        Map<String, Integer> set = new LinkedHashMap<>();
        file.forEach((type, mb) -> {
            if (types.contains(type) && !mb.equals(lastApplied.get(type))) {
                set.put(type, mb);
            }
        });
        return set;
    }

    /** What app.json has applied once this push's values are: the last applied, with the file's for the build's types. */
    public static Map<String, Integer> applied(Map<String, Integer> file, Map<String, Integer> lastApplied,
                                               Set<String> types) {
        Map<String, Integer> applied = new LinkedHashMap<>(lastApplied);
        file.forEach((type, value) -> {
            if (types.contains(type)) {
                applied.put(type, value);
            }
        });
        return applied;
    }
}
