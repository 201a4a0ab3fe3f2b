package dev.paas.builder.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar that puts a slug into its image: {@code app/} owned by the run stack's unprivileged user, so the app
 * can write to /app as on Heroku, and {@code paas/} (the launcher) owned by root. Written here, not by Docker's
 * own archiver, because that one stores every file as root and follows symbolic links: a link stays a link
 * here (it means something only inside the container), and nothing outside the root is ever read.
 */
final class SlugArchive {

    /** The run stack's {@code app} user and group (deploy/images/stack-run). */
    static final int APP_UID = 10000;
    static final String APP_USER = APP_UID + ":" + APP_UID;

    private SlugArchive() {
    }

    /** Writes {@code root}'s children ({@code app/}, {@code paas/}) as a tar to {@code out}. */
    static void write(Path root, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        add(tar, root, dir, new TarArchiveEntry(name(root, dir) + "/"), attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        TarArchiveEntry link = new TarArchiveEntry(name(root, file), TarConstants.LF_SYMLINK);
                        link.setLinkName(Files.readSymbolicLink(file).toString());
                        add(tar, root, file, link, attrs);
                    } else if (attrs.isRegularFile()) {
                        TarArchiveEntry entry = new TarArchiveEntry(name(root, file));
                        entry.setSize(attrs.size());
                        add(tar, root, file, entry, attrs);
                    }
                    // Sockets and pipes mean nothing in an image.
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
        }
    }

    private static void add(TarArchiveOutputStream tar, Path root, Path path, TarArchiveEntry entry,
                            BasicFileAttributes attrs) throws IOException {
        int owner = name(root, path).startsWith("app") ? APP_UID : 0;
        entry.setIds(owner, owner);
        entry.setModTime(attrs.lastModifiedTime().toMillis());
        if (!attrs.isSymbolicLink()) {
            entry.setMode(entry.getMode() & ~07777 | mode(Files.getPosixFilePermissions(path)));
        }
        tar.putArchiveEntry(entry);
        if (attrs.isRegularFile()) {
            try (var in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static String name(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
