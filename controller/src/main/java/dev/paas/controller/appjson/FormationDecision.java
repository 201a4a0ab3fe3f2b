package dev.paas.controller.appjson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The counts app.json's {@code formation} sets: a type's quantity is applied when the file gives one that was never
 * applied or differs from the one applied last; otherwise the app's count stays, so a {@code paas scale} made by
 * hand since survives pushes that do not change the file.
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
}
