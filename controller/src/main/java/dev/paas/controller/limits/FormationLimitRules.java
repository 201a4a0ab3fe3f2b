package dev.paas.controller.limits;

import dev.paas.api.FormationLimits;

/** An admin's change to a formation's defaults and maximums, checked whole: pure, nothing stored on a refusal. */
final class FormationLimitRules {

    private FormationLimitRules() {
    }

    /** {@code now} with the fields the update gives; {@code none} clears one. */
    static FormationSettings apply(FormationSettings now, FormationLimits update) {
        Integer defaultMemory = update.defaultMemory() == null ? now.defaultMemoryMb()
                : none(update.defaultMemory()) ? null : LimitRules.memoryMb("the default", update.defaultMemory());
        Integer maxMemory = update.maxMemory() == null ? now.maxMemoryMb()
                : none(update.maxMemory()) ? null : LimitRules.memoryMb("the maximum", update.maxMemory());
        Integer defaultCpu = update.defaultCpu() == null ? now.defaultCpuMillis()
                : none(update.defaultCpu()) ? null : LimitRules.cpuMillis("the default", update.defaultCpu());
        Integer maxCpu = update.maxCpu() == null ? now.maxCpuMillis()
                : none(update.maxCpu()) ? null : LimitRules.cpuMillis("the maximum", update.maxCpu());
        Double overcommit = update.overcommit() == null ? now.overcommit()
                : none(update.overcommit()) ? null : LimitRules.overcommit(update.overcommit());
        if (defaultMemory != null && maxMemory != null && defaultMemory > maxMemory) {
            throw new LimitRules.LimitException("The default memory " + defaultMemory + " MB is more than the maximum "
                    + maxMemory + " MB.");
        }
        if (defaultCpu != null && maxCpu != null && defaultCpu > maxCpu) {
            throw new LimitRules.LimitException("The default CPU " + LimitRules.cpus(defaultCpu)
                    + " is more than the maximum " + LimitRules.cpus(maxCpu) + ".");
        }
        return new FormationSettings(now.name(), defaultMemory, maxMemory, defaultCpu, maxCpu, overcommit);
    }

    private static boolean none(String value) {
        return value.strip().equalsIgnoreCase("none");
    }
}
