package dev.paas.controller.appjson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The {@code app.json} at the root of a pushed commit, read from the git objects (before anything is exported or
 * built). Only a regular file counts: a link named app.json is refused, never followed.
 */
public final class AppJsonSource {

    private AppJsonSource() {
    }

    /** The file's text, or empty when the commit has none. */
    public static Optional<String> read(Repository repository, ObjectId commitId) throws AppJsonException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            try (TreeWalk tree = TreeWalk.forPath(repository, "app.json", commit.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                FileMode mode = tree.getFileMode(0);
                if (!mode.equals(FileMode.REGULAR_FILE) && !mode.equals(FileMode.EXECUTABLE_FILE)) {
                    throw new AppJsonException("app.json must be a regular file, not a link or a directory.");
                }
                ObjectLoader loader = repository.open(tree.getObjectId(0));
                if (loader.getSize() > AppJsonParser.MAX_BYTES) {
                    throw new AppJsonException("app.json is larger than " + AppJsonParser.MAX_BYTES / 1024 + " KiB.");
                }
                return Optional.of(new String(loader.getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AppJsonException("app.json could not be read from the pushed commit: " + e.getMessage(), e);
        }
    }
}
