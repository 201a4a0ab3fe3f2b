package dev.paas.api;

import java.time.Instant;

/**
 * One container of an app, for {@code paas ps}.
 *
 * @param name  {@code web.1}
 * @param state pending, starting, up, exited (crashed, restarting with back-off)
 * @param since when it entered that state: for an up container, its uptime starts there
 * @param memoryMb   its memory limit
 * @param cpuMillis  its CPU limit in thousandths of a CPU, 0 for none (it shares the CPU by weight)
 * @param lastExit   why it last stopped by itself ({@code out of memory}, {@code crashed}), or null
 * @param lastExitAt when
 */
public record ProcessStatus(String name, String processType, int index, String state, int release, String node,
                            Instant since, int memoryMb, int cpuMillis, String lastExit, Instant lastExitAt) {

    public ProcessStatus(String name, String processType, int index, String state, int release, String node,
                         Instant since) {
        this(name, processType, index, state, release, node, since, 0, 0, null, null);
    }
}
