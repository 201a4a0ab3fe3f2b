package dev.paas.api;

/**
 * What an add-on's service container has that an app container does not.
 *
 * @param alias     the host name attached apps reach it under, on its own network (the add-on's name)
 * @param volume    the named Docker volume that holds its data and outlives the container
 * @param mountPath where the volume is mounted inside
 * @param user      the image's unprivileged user it runs as
 * @param hostPort  the host port it is published on, the same as the port it listens on, so attached apps on other
 *                  nodes reach it at its node's address with the URL's port; null (add-ons made before the add-on
 *                  ports) for a port the agent picks from its range, as for app containers
 */
public record ServiceParts(String alias, String volume, String mountPath, String user, Integer hostPort) {

    /** Published on a port the agent picks. */
    public ServiceParts(String alias, String volume, String mountPath, String user) {
        this(alias, volume, mountPath, user, null);
    }

    /** The named volume of add-on {@code name}. */
    public static String volumeOf(String name) {
        return "paas-addon-" + name;
    }

    /** The Docker network that add-on {@code name}'s service and attached apps' containers share. */
    public static String networkOf(String name) {
        return "paas-addon-" + name;
    }
}
