package dev.paas.controller.appjson;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.paas.controller.limits.LimitRules;

/**
 * app.json's {@code formation.<type>.size}: Heroku's dyno size names, or a memory as {@code paas limits:set} takes
 * it ({@code 512M}, {@code 1G}), read as the memory each container of the type gets. Only memory: Heroku's standard
 * sizes share the host's CPU rather than promise a number of CPUs, which is what this platform does for a type
 * without a CPU limit ({@code paas limits:set --cpu} sets one).
 */
public final class DynoSizes {

    /** Heroku's names (and its older ones), lower case, with their memory in MB as Heroku documents them. */
    static final Map<String, Integer> HEROKU;

    static {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("eco", 512);
        sizes.put("basic", 512);
        sizes.put("standard-1x", 512);
        sizes.put("standard-2x", 1024);
        sizes.put("performance-m", 2560);
        sizes.put("performance-l", 14336);
        sizes.put("performance-l-ram", 30720);
        sizes.put("performance-xl", 63488);
        sizes.put("performance-2xl", 129024);
        sizes.put("private-s", 1024);
        sizes.put("private-m", 2560);
        sizes.put("private-l", 14336);
        sizes.put("shield-s", 1024);
        sizes.put("shield-m", 2560);
        sizes.put("shield-l", 14336);
        // Names Heroku used before 2023 (free, hobby) and before 2014 (1X, 2X, PX).
        sizes.put("free", 512);
        sizes.put("hobby", 512);
        sizes.put("1x", 512);
        sizes.put("2x", 1024);
        sizes.put("px", 6144);
        HEROKU = Map.copyOf(sizes);
    }

    private DynoSizes() {
    }

    /**
     * @return the memory in MB each container of {@code type} gets
     * @throws AppJsonException naming the field and what it takes, for anything else
     */
    public static int memoryMb(String type, String size) throws AppJsonException {
        String where = "app.json formation." + type + ".size";
        if (size == null || size.isBlank() || size.length() > 32) {
            throw new AppJsonException(where + " must be a size such as standard-2x or 1G.");
        }
        Integer named = HEROKU.get(size.strip().toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return LimitRules.memoryMb(type, size);
        } catch (LimitRules.LimitException e) {
            throw new AppJsonException(where + " '" + size.strip() + "' is neither a Heroku size (basic, standard-1x,"
                    + " standard-2x, performance-m, performance-l, ...) nor a memory such as 512M or 1G: "
                    + e.getMessage());
        }
    }
}
