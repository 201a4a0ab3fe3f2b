package dev.paas.controller.limits;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of limits, pure: sizes as users type them, what a container of a type is given, and what is refused.
 * Every refusal is one line a person can act on ({@link LimitException}).
 */
public final class LimitRules {

    /** Below this even a small Python or Node.js process is killed at start: a typo, not a plan. */
    public static final int MIN_MEMORY_MB = 32;
    /** A thirty-second of a CPU is already too slow for any app to answer in time. */
    public static final int MIN_CPU_MILLIS = 10;
    /** Bounds the numbers stored; no node of this platform has more. */
    public static final int MAX_MEMORY_MB = 1024 * 1024;
    public static final int MAX_CPU_MILLIS = 256_000;
    public static final double MIN_OVERCOMMIT = 1.0;
    public static final double MAX_OVERCOMMIT = 4.0;

    /** Like Procfile's names, lower case only as Heroku's; a type not in the Procfile yet may be preset. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,29}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,7})(?:\\.(\\d{1,3}))?\\s*([mMgG][bB]?)?");
    private static final Pattern CPUS = Pattern.compile("(\\d{1,3})(?:\\.(\\d{1,3}))?");

    private LimitRules() {
    }

    /** A refused setting; nothing was changed. */
    public static final class LimitException extends RuntimeException {
        public LimitException(String message) {
            super(message);
        }
    }

    public static void checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new LimitException("Process type '" + type + "' is invalid: use lowercase letters, digits, '-' and"
                    + " '_', as in the Procfile (web, worker).");
        }
    }

    /**
     * {@code 512M}, {@code 512MB}, {@code 512} (MB), {@code 1G}, {@code 1.5G}: megabytes, at least
     * {@link #MIN_MEMORY_MB}.
     *
     * @param what names the setting in the message, e.g. {@code web}
     */
    public static int memoryMb(String what, String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new LimitException("Memory '" + text + "' for " + what + " is invalid: give a size such as 512M or"
                    + " 1G.");
        }
        boolean gigabytes = m.group(3) != null && Character.toLowerCase(m.group(3).charAt(0)) == 'g';
        BigDecimal amount = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)));
        BigDecimal mb = gigabytes ? amount.multiply(BigDecimal.valueOf(1024)) : amount;
        if (mb.compareTo(BigDecimal.valueOf(MIN_MEMORY_MB)) < 0) {
            throw new LimitException("Memory " + text.strip() + " for " + what + " is too small: at least "
                    + MIN_MEMORY_MB + "M.");
        }
        if (mb.compareTo(BigDecimal.valueOf(MAX_MEMORY_MB)) > 0) {
            throw new LimitException("Memory " + text.strip() + " for " + what + " is too large: at most 1024G.");
        }
        return mb.intValue();
    }

    /** {@code 0.5}, {@code 2}: CPUs as thousandths, from {@link #MIN_CPU_MILLIS}. */
    public static int cpuMillis(String what, String text) {
        Matcher m = text == null ? null : CPUS.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new LimitException("CPU '" + text + "' for " + what + " is invalid: give a positive number of CPUs"
                    + " such as 0.5 or 2.");
        }
        int millis = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)))
                .multiply(BigDecimal.valueOf(1000)).intValue();
        if (millis < MIN_CPU_MILLIS) {
            throw new LimitException("CPU " + text.strip() + " for " + what + " is too small: at least 0.01.");
        }
        if (millis > MAX_CPU_MILLIS) {
            throw new LimitException("CPU " + text.strip() + " for " + what + " is too large: at most 256.");
        }
        return millis;
    }

    public static double overcommit(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= MIN_OVERCOMMIT && value <= MAX_OVERCOMMIT) {
                return Math.round(value * 100) / 100.0;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // Reported below.
        }
        throw new LimitException("Overcommit '" + text + "' is invalid: give a number from 1 (a node never takes"
                + " more in limits than its memory) to 4.");
    }

    /** What each container of {@code type} is given: the app's own limit, else the formation's default, else the platform's. */
    public static ProcessLimits effective(String type, Map<String, Integer> memory, Map<String, Integer> cpu,
                                          FormationSettings formation, int platformMemoryMb) {
        Integer mb = memory.get(type);
        if (mb == null) {
            mb = formation.defaultMemoryMb() != null ? formation.defaultMemoryMb() : platformMemoryMb;
        }
        Integer millis = cpu.get(type);
        if (millis == null) {
            millis = formation.defaultCpuMillis() != null ? formation.defaultCpuMillis() : 0;
        }
        return new ProcessLimits(mb, millis);
    }

    /**
     * Checks limits a user sets against the formation's maximums and its largest runtime node, so a size no node can
     * hold is refused at once instead of at the next placement.
     *
     * @param largestNodeMb    the memory of the formation's largest live runtime node, or 0 when it has none
     * @param largestNodeCpu   the CPUs (thousandths) of its node with the most, or 0 when no node said
     */
    public static void check(Map<String, Integer> memory, Map<String, Integer> cpu, FormationSettings formation,
                             int largestNodeMb, int largestNodeCpu) {
        memory.forEach((type, mb) -> {
            if (formation.maxMemoryMb() != null && mb > formation.maxMemoryMb()) {
                throw new LimitException("Memory " + mb + " MB for " + type + " is more than formation "
                        + formation.name() + " allows: at most " + formation.maxMemoryMb() + " MB.");
            }
            if (largestNodeMb > 0 && mb > largestNodeMb) {
                throw new LimitException("Memory " + mb + " MB for " + type + " is more than any runtime node of"
                        + " formation " + formation.name() + " holds: the most one offers is " + largestNodeMb + " MB.");
            }
        });
        cpu.forEach((type, millis) -> {
            if (formation.maxCpuMillis() != null && millis > formation.maxCpuMillis()) {
                throw new LimitException("CPU " + cpus(millis) + " for " + type + " is more than formation "
                        + formation.name() + " allows: at most " + cpus(formation.maxCpuMillis()) + ".");
            }
            if (largestNodeCpu > 0 && millis > largestNodeCpu) {
                throw new LimitException("CPU " + cpus(millis) + " for " + type + " is more than any runtime node of"
                        + " formation " + formation.name() + " has: the most one offers is " + cpus(largestNodeCpu) + ".");
            }
        });
    }

    /** {@code 0.5}, {@code 2}: thousandths of a CPU as a person writes CPUs. */
    public static String cpus(int millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
