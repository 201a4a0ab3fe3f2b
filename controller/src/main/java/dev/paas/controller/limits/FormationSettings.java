package dev.paas.controller.limits;

/**
 * A formation's defaults and maximums for app containers as an admin set them; null where nothing was set.
 *
 * @param overcommit how many times its memory a runtime node takes in container limits
 */
public record FormationSettings(String name, Integer defaultMemoryMb, Integer maxMemoryMb, Integer defaultCpuMillis,
                                Integer maxCpuMillis, Double overcommit) {

    public static FormationSettings none(String name) {
        return new FormationSettings(name, null, null, null, null, null);
    }
}
