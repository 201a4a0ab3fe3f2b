package dev.paas.api;

/**
 * The disk an app's builds use.
 *
 * @param cacheBytes  its build cache (node_modules, ~/.m2, Go and pip caches)
 * @param imageBytes  the images of its releases present on the build host
 * @param images      how many of those images there are
 */
public record BuildCacheView(long cacheBytes, long imageBytes, int images) {
}
