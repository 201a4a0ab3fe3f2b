package dev.paas.builder.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of a commit into a new directory, as a checkout would: executable files stay
 * executable, symlinks stay symlinks. Submodules are skipped (their commits live in other repositories).
 */
public final class SourceExporter {

    /**
     * @param commit a commit (or tree) in {@code repository}
     * @param target an empty directory (a build container may have it mounted already), made when missing
     * @param log    where to warn about what was left out
     */
    public void export(Repository repository, ObjectId commit, Path target, BuildLog log) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> present = Files.list(target)) {
            if (present.findAny().isPresent()) {
                throw new IOException("The app's build directory " + target + " is not empty");
            }
        }
        Path root = target.toRealPath();
        Map<Path, String> symlinks = new LinkedHashMap<>();
        try (RevWalk revWalk = new RevWalk(repository);
             TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(revWalk.parseTree(commit));
            walk.setRecursive(true);
            ObjectReader reader = walk.getObjectReader();
            while (walk.next()) {
                String name = walk.getPathString();
                Path file = root.resolve(name).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new IOException("The commit has a path outside its tree: " + name);
                }
                int mode = walk.getRawMode(0);
                if (FileMode.GITLINK.equals(mode)) {
                    log.line(" !     Skipped submodule " + name + ": submodules are not part of the build");
                    continue;
                }
                Files.createDirectories(file.getParent());
                if (FileMode.SYMLINK.equals(mode)) {
                    byte[] linkTarget = reader.open(walk.getObjectId(0)).getBytes();
                    symlinks.put(file, new String(linkTarget, StandardCharsets.UTF_8));
                    continue;
                }
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    reader.open(walk.getObjectId(0)).copyTo(out);
                }
                String permissions = FileMode.EXECUTABLE_FILE.equals(mode) ? "rwxr-xr-x" : "rw-r--r--";
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            }
        }
        linkAll(root, symlinks, log);
    }

    /**
     * Symlinks are made last, so no file is ever written through one, and only kept when they lead to something
     * inside the app by the rule that reads it back ({@link BuildTree}): the builder reads files such as the
     * Procfile on this host, and a link to {@code /etc/shadow} must not turn that into a way of reading the host.
     */
    private static void linkAll(Path root, Map<Path, String> symlinks, BuildLog log) throws IOException {
        for (Map.Entry<Path, String> link : symlinks.entrySet()) {
            Files.createSymbolicLink(link.getKey(), Path.of(link.getValue()));
        }
        BuildTree tree = new BuildTree(root, "the app");
        Map<Path, String> outside = new LinkedHashMap<>();
        for (Map.Entry<Path, String> link : symlinks.entrySet()) {
            if (!tree.leadsInside(root.relativize(link.getKey()).toString())) {
                outside.put(link.getKey(), link.getValue());
            }
        }
        for (Map.Entry<Path, String> link : outside.entrySet()) {
            Files.delete(link.getKey());
            // The target is the pusher's own text from the commit, not anything read on this host.
            log.line(" !     Skipped symlink " + root.relativize(link.getKey()) + " -> " + link.getValue()
                    + ": it does not point to a file inside the app");
        }
    }
}
