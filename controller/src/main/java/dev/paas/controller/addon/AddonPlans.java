package dev.paas.controller.addon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plans decide an add-on's memory limit. */
final class AddonPlans {

    static final String DEFAULT = "hobby";
    /** The limit of a plan no longer offered (an add-on keeps its plan's name). */
    static final int FALLBACK_MB = 256;
    private static final Map<String, Integer> MEMORY_MB = new LinkedHashMap<>();

    static {
        MEMORY_MB.put("hobby", 256);
        MEMORY_MB.put("standard", 1024);
    }

    private AddonPlans() {
    }

    static Optional<Integer> memoryMb(String plan) {
        return Optional.ofNullable(MEMORY_MB.get(plan == null ? DEFAULT : plan));
    }

    static String names() {
        return String.join(", ", MEMORY_MB.keySet().stream().map(p -> p + " (" + MEMORY_MB.get(p) + " MB)").toList());
    }
}
