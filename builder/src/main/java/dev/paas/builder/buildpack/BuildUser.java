package dev.paas.builder.buildpack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The unprivileged user buildpacks run as: the stack's {@code app} (uid and gid 10000, as the run stack names it).
 * What a build writes (BUILD_DIR, CACHE_DIR) is handed to it first, and ENV_DIR made readable by it; ownership is
 * changed without following links (lchown), so a link in a cache never makes the walk reach outside it.
 */
final class BuildUser {

    static final int UID = 10000;
    static final String USER = UID + ":" + UID;

    private BuildUser() {
    }

    /** Gives the tree to the build user, links themselves included, never what they point at. */
    static void own(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                give(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                give(file);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A cache from before builds ran unprivileged is root's: handed over once, whole; later builds write as the user. */
    static void ownCache(Path cache) throws IOException {
        if (!Integer.valueOf(UID).equals(Files.getAttribute(cache, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            own(cache);
        }
    }

    private static void give(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", UID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", UID, LinkOption.NOFOLLOW_LINKS);
    }
}
