package dev.paas.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host has, for the capacity a node declares when {@code --capacity-mb} does not say: its memory (Linux's
 * MemTotal) minus a reserve for the platform itself and the system, and its CPUs.
 */
final class HostResources {

    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+) kB");

    private HostResources() {
    }

    /** The host's memory in MB. */
    static int memoryMb() {
        try {
            Matcher m = MEM_TOTAL.matcher(Files.readString(Path.of("/proc/meminfo")));
            if (m.find()) {
                return (int) (Long.parseLong(m.group(1)) / 1024);
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: the JVM's view below.
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return (int) (os.getTotalMemorySize() / (1024 * 1024));
    }

    static int cpuMillis() {
        return Runtime.getRuntime().availableProcessors() * 1000;
    }

    /**
     * The memory offered to containers: the host's minus the reserve, but never less than a quarter of the host's
     * (a reserve larger than a small host would otherwise leave nothing, or less than nothing).
     */
    static int capacityMb(int hostMb, int reserveMb) {
        return Math.max(hostMb - reserveMb, hostMb / 4);
    }
}
