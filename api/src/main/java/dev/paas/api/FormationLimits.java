package dev.paas.api;

/**
 * A formation's defaults and maximums for app containers (admins), for {@code paas formations:limits}. In an update
 * a null field is left as it is; sizes are strings as typed ({@code 256M}, {@code 2G}; CPUs {@code 0.5}).
 *
 * @param overcommit how many times its memory a runtime node takes in container limits (1.0: never more than it has)
 */
public record FormationLimits(String formation, String defaultMemory, String maxMemory, String defaultCpu,
                              String maxCpu, String overcommit) {
}
