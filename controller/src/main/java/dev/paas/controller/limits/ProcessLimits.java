package dev.paas.controller.limits;

/**
 * What one container of a process type is given.
 *
 * @param memoryMb  its memory limit (swap included), reserved on its node by placement
 * @param cpuMillis its CPU limit in thousandths of a CPU; 0: none, it shares the CPU by weight
 */
public record ProcessLimits(int memoryMb, int cpuMillis) {
}
