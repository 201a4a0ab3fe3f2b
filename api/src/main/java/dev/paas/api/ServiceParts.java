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
 * @param pullFrom  the same image in the cluster registry ({@code host:port/paas/addon-redis:7-r2}), which the agent
 *                  pulls with its registry login and tags as the container's image when its host lacks that (the
 *                  add-on images are built on the controller's host only); null: none (the image must be there)
 */
public record ServiceParts(String alias, String volume, String mountPath, String user, Integer hostPort,
                           String pullFrom) {

    /** Published on a port the agent picks. */
    public ServiceParts(String alias, String volume, String mountPath, String user) {
        this(alias, volume, mountPath, user, null, null);
    }

    /** With no registry to pull the image from. */
    public ServiceParts(String alias, String volume, String mountPath, String user, Integer hostPort) {
        this(alias, volume, mountPath, user, hostPort, null);
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
