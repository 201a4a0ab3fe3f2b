package dev.paas.builder.buildpack;

import java.nio.file.Path;

/**
 * A buildpack ready to run: a directory on this host holding bin/detect, bin/compile and bin/release.
 *
 * @param name how the pusher named it (a built-in name, a git URL, a path), for messages
 * @param dir  the directory, mounted read-only into the build container
 */
public record Buildpack(String name, Path dir) {
}
