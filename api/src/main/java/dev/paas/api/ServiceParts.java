package dev.paas.api;

/**
 * What an add-on's service container has that an app container does not.
 *
 * @param alias     the host name attached apps reach it under, on its own network (the add-on's name)
 * @param volume    the named Docker volume that holds its data and outlives the container
 * @param mountPath where the volume is mounted inside
 * @param user      the image's unprivileged user it runs as
 */
public record ServiceParts(String alias, String volume, String mountPath, String user) {

    /** The named volume of add-on {@code name}. */
    public static String volumeOf(String name) {
        return "paas-addon-" + name;
    }

    /** The Docker network that add-on {@code name}'s service and attached apps' containers share. */
    public static String networkOf(String name) {
        return "paas-addon-" + name;
    }
}
