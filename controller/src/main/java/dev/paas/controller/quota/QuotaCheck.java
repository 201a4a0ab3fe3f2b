package dev.paas.controller.quota;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The quota decisions, pure: given the use now and what a change would make it, the refusal or nothing. A change
 * that does not grow the use is never refused, so a user over a lowered limit can always shrink.
 */
final class QuotaCheck {

    private QuotaCheck() {
    }

    static Optional<String> apps(String owner, int owned, int limit) {
        return owned + 1 <= limit ? Optional.empty() : Optional.of("You own " + owned + " apps, the limit per user ("
                + limit + "): destroy one with 'paas destroy', or " + ask(owner, Quota.APPS));
    }

    /**
     * @param otherApps containers of the owner's other apps
     * @param structure the app's process counts now; {@code counts} the ones the scale sets
     */
    static Optional<String> containers(String owner, String app, int otherApps, Map<String, Integer> structure,
                                       Map<String, Integer> counts, int limit) {
        int now = otherApps + sum(structure);
        Map<String, Integer> next = new HashMap<>(structure);
        counts.forEach((type, n) -> next.put(type, n == null ? 0 : Math.max(n, 0)));
        int after = otherApps + sum(next);
        if (after <= limit || after <= now) {
            return Optional.empty();
        }
        return Optional.of("Scaling " + app + " would make " + after + " containers across the apps of " + owner
                + " (" + now + " now), over the limit of " + limit + " per user: scale something down, or "
                + ask(owner, Quota.CONTAINERS));
    }

    static Optional<String> config(String owner, String app, Map<String, String> current, Map<String, String> next, int limit) {
        long now = bytes(current);
        long after = bytes(next);
        if (after <= limit || after <= now) {
            return Optional.empty();
        }
        return Optional.of("The config of " + app + " would be " + after + " bytes of keys and values (" + now
                + " now), over the limit of " + limit + " per app: unset something, or " + ask(owner, Quota.CONFIG_BYTES));
    }

    static Optional<String> domains(String owner, String app, int domains, int limit) {
        return domains + 1 <= limit ? Optional.empty() : Optional.of(app + " has " + domains
                + " custom domains, the limit per app (" + limit + "): remove one with 'paas domains:remove', or "
                + ask(owner, Quota.DOMAINS));
    }

    static long bytes(Map<String, String> config) {
        long total = 0;
        for (Map.Entry<String, String> var : config.entrySet()) {
            total += var.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += var.getValue() == null ? 0 : var.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(n -> n == null ? 0 : Math.max(n, 0)).sum();
    }

    /** The limits are the owner's: an admin raises them for that user (or for everyone, in paas.quotas.*). */
    private static String ask(String owner, Quota quota) {
        return "ask an admin to raise it ('paas quotas:set " + owner + " " + quota.key() + "=N').";
    }
}
