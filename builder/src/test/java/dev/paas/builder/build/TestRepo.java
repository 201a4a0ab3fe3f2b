package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** A bare repository with commits written straight into its object database, as a push leaves them. */
final class TestRepo implements AutoCloseable {

    final Repository repository;

    private TestRepo(Repository repository) {
        this.repository = repository;
    }

    static TestRepo create(Path dir) throws IOException {
        Repository repository = FileRepositoryBuilder.create(dir.toFile());
        repository.create(true);
        return new TestRepo(repository);
    }

    Tree tree() {
        return new Tree();
    }

    @Override
    public void close() {
        repository.close();
    }

    final class Tree {
        private final DirCache index = DirCache.newInCore();
        private final DirCacheBuilder entries = index.builder();
        private final ObjectInserter inserter = repository.newObjectInserter();

        Tree file(String path, String content) throws IOException {
            return add(path, FileMode.REGULAR_FILE, blob(content));
        }

        Tree executable(String path, String content) throws IOException {
            return add(path, FileMode.EXECUTABLE_FILE, blob(content));
        }

        Tree symlink(String path, String target) throws IOException {
            return add(path, FileMode.SYMLINK, blob(target));
        }

        Tree submodule(String path) {
            return add(path, FileMode.GITLINK, ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
        }

        ObjectId commit() throws IOException {
            entries.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            PersonIdent who = new PersonIdent("Test", "test@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("test\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            inserter.close();
            return id;
        }

        private ObjectId blob(String content) throws IOException {
            return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
        }

        private Tree add(String path, FileMode mode, ObjectId id) {
            DirCacheEntry entry = new DirCacheEntry(path);
            entry.setFileMode(mode);
            entry.setObjectId(id);
            entries.add(entry);
            return this;
        }
    }
}
