package dev.paas.builder.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;

/**
 * What one build may take: its wall-clock time, memory, CPU and processes, the network it runs on, how much of
 * its output is kept, how big a push may be, where buildpacks on the build host may come from, and which images a
 * Dockerfile may start from besides the platform's own and the app's. The controller sets them from
 * {@code paas.build.*}, {@code paas.buildpacks.local-dir} and {@code paas.dockerfile.allowed-bases}.
 *
 * @param timeout         the whole build (buildpack fetches, detect, compile, release, or the Docker build)
 * @param memoryMb        of a build container (and of each Dockerfile step), swap included
 * @param cpus            CPUs a build container may use at most
 * @param pidsLimit       processes and threads of a build container (JVM threads count)
 * @param network         the apps network (no reach to the host nor other containers, see RunSandbox)
 * @param maxLogBytes     of the stored build log: beyond it the oldest lines go
 * @param maxPushBytes    of the pack a push sends, and of any one object in it
 * @param localBuildpacks the one host directory buildpacks may be taken from by path; null: none
 * @param allowedBases    images a Dockerfile may start from, besides the stack images and the app's own
 */
public record BuildLimits(Duration timeout, int memoryMb, double cpus, long pidsLimit, String network,
                          long maxLogBytes, long maxPushBytes, Path localBuildpacks, List<String> allowedBases) {

    /** Images of the platform every Dockerfile may start from. */
    public static final List<String> STACK_IMAGES = List.of("paas/stack-build:bookworm", "paas/stack-run:bookworm",
            "paas/base:bookworm", "debian:bookworm", "debian:bookworm-slim", "scratch");

    public BuildLimits {
        allowedBases = List.copyOf(allowedBases);
        localBuildpacks = localBuildpacks == null ? null : localBuildpacks.toAbsolutePath().normalize();
    }

    /** Heroku's 15 minutes, 2 GB, 2 CPUs, 1024 processes, the stored log's tail of 5 MB, pushes up to 500 MB. */
    public static BuildLimits defaults() {
        return new BuildLimits(Duration.ofMinutes(15), 2048, 2.0, 1024, RunSandbox.defaults().network(),
                5L << 20, 500L << 20, null, List.of());
    }

    public BuildLimits withTimeout(Duration limit) {
        return new BuildLimits(limit, memoryMb, cpus, pidsLimit, network, maxLogBytes, maxPushBytes,
                localBuildpacks, allowedBases);
    }

    public BuildLimits withPidsLimit(long limit) {
        return new BuildLimits(timeout, memoryMb, cpus, limit, network, maxLogBytes, maxPushBytes,
                localBuildpacks, allowedBases);
    }

    public BuildLimits withNetwork(String name) {
        return new BuildLimits(timeout, memoryMb, cpus, pidsLimit, name, maxLogBytes, maxPushBytes,
                localBuildpacks, allowedBases);
    }

    public BuildLimits withMaxLogBytes(long bytes) {
        return new BuildLimits(timeout, memoryMb, cpus, pidsLimit, network, bytes, maxPushBytes,
                localBuildpacks, allowedBases);
    }

    public BuildLimits withLocalBuildpacks(Path dir) {
        return new BuildLimits(timeout, memoryMb, cpus, pidsLimit, network, maxLogBytes, maxPushBytes, dir,
                allowedBases);
    }

    public BuildLimits withAllowedBases(List<String> images) {
        return new BuildLimits(timeout, memoryMb, cpus, pidsLimit, network, maxLogBytes, maxPushBytes,
                localBuildpacks, images);
    }

    /**
     * A build container: every capability dropped, no new privileges, the limits, on the apps network (the user is
     * the build container's own, see {@code buildpack.BuildUser}).
     */
    public HostConfig hostConfig() {
        long bytes = memoryMb * 1024L * 1024L;
        return HostConfig.newHostConfig()
                .withInit(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(pidsLimit)
                .withNanoCPUs((long) (cpus * 1e9))
                // Half an app container's weight: when the CPU is contended, serving apps win over builds.
                .withCpuShares(512)
                .withMemory(bytes)
                .withMemorySwap(bytes)
                .withNetworkMode(network);
    }

    /** The refusal of a build that ran out of time. */
    public String timeoutMessage() {
        return "Build stopped: it ran longer than " + describe(timeout) + " (paas.build.timeout).";
    }

    /** The time left of a build started at {@code startedNanos} ({@link System#nanoTime}), never negative. */
    public Duration left(long startedNanos) {
        Duration left = timeout.minusNanos(System.nanoTime() - startedNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return seconds == 1 ? "1 second" : seconds < 60 ? seconds + " seconds"
                : String.format(Locale.ROOT, "%.1f minutes", seconds / 60.0);
    }
}
