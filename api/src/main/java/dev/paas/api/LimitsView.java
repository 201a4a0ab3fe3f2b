package dev.paas.api;

import java.util.List;

/**
 * An app's memory and CPU per process type, for {@code paas limits}.
 *
 * @param formation the formation whose defaults and maximums apply
 */
public record LimitsView(String app, String formation, List<ProcessLimit> limits) {

    /**
     * @param memoryMb  the memory limit each container of the type gets
     * @param cpuMillis the CPU limit in thousandths of a CPU, 0 for none
     * @param source    {@code app} (set with limits:set) or {@code default} (the formation's or the platform's)
     */
    public record ProcessLimit(String processType, int memoryMb, int cpuMillis, String source) {
    }
}
