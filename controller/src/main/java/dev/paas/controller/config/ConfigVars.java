package dev.paas.controller.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Config changes as pure functions: validate keys, apply a change to a config, and write a release summary
 * from the difference. A change that would fail changes nothing.
 */
public final class ConfigVars {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Set by the platform in every container; a config var of the same name would be overwritten. */
    private static final List<String> RESERVED = List.of("PORT", "PAAS_APP", "PAAS_RELEASE", "PAAS_PROCESS");

    private ConfigVars() {
    }

    public static final class InvalidChange extends RuntimeException {
        InvalidChange(String message) {
            super(message);
        }
    }

    /** The config after {@code set} is merged on and {@code unset} keys removed. */
    public static Map<String, String> apply(Map<String, String> current, Map<String, String> set, List<String> unset) {
        Map<String, String> sets = set == null ? Map.of() : set;
        List<String> unsets = unset == null ? List.of() : unset;
        if (sets.isEmpty() && unsets.isEmpty()) {
            throw new InvalidChange("Nothing to change: give KEY=VALUE pairs to set or KEY names to unset.");
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            checkKey(e.getKey());
            if (e.getValue() == null) {
                throw new InvalidChange("Config var " + e.getKey() + " has no value: use KEY=VALUE (an empty value is KEY=).");
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String key : unsets) {
            checkKey(key);
            if (!current.containsKey(key) || sets.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidChange("Cannot unset " + String.join(", ", unknown) + ": no such config var"
                    + (unknown.size() == 1 ? "" : "s") + " ('paas config' lists them).");
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        next.putAll(sets);
        unsets.forEach(next::remove);
        return next;
    }

    /** "Set GREETING, unset DEBUG", from what differs between the two configs; "No config change" if nothing. */
    public static String summary(Map<String, String> before, Map<String, String> after) {
        List<String> set = after.entrySet().stream()
                .filter(e -> !Objects.equals(before.get(e.getKey()), e.getValue())).map(Map.Entry::getKey).sorted().toList();
        List<String> unset = before.keySet().stream().filter(k -> !after.containsKey(k)).sorted().toList();
        List<String> parts = new ArrayList<>();
        if (!set.isEmpty()) {
            parts.add("set " + String.join(", ", set));
        }
        if (!unset.isEmpty()) {
            parts.add("unset " + String.join(", ", unset));
        }
        if (parts.isEmpty()) {
            return "No config change";
        }
        String text = String.join(", ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidChange("Config var name '" + key + "' is invalid: use letters, digits and underscores,"
                    + " not starting with a digit.");
        }
        if (RESERVED.contains(key)) {
            throw new InvalidChange("Config var " + key + " is set by the platform and cannot be changed.");
        }
    }
}
