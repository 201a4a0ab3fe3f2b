package dev.paas.controller.appjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given commits in a real bare repository, expect app.json's text, nothing, or a refusal of a link. */
class AppJsonSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFileAndNothingWithoutOne() throws Exception {
        try (Repository repo = bare()) {
            assertThat(AppJsonSource.read(repo, commit(repo, "app.json", FileMode.REGULAR_FILE, "{\"env\": {}}")))
                    .contains("{\"env\": {}}");
            assertThat(AppJsonSource.read(repo, commit(repo, "Procfile", FileMode.REGULAR_FILE, "web: x"))).isEmpty();
        }
    }

    @Test
    void refusesALinkNamedAppJson() throws Exception {
        try (Repository repo = bare()) {
            ObjectId linked = commit(repo, "app.json", FileMode.SYMLINK, "/etc/passwd");
            assertThatThrownBy(() -> AppJsonSource.read(repo, linked)).hasMessageContaining("not a link");
        }
    }

    @Test
    void refusesAFileTooLargeBeforeReadingIt() throws Exception {
        try (Repository repo = bare()) {
            ObjectId big = commit(repo, "app.json", FileMode.REGULAR_FILE, " ".repeat(AppJsonParser.MAX_BYTES + 1));
            assertThatThrownBy(() -> AppJsonSource.read(repo, big)).hasMessageContaining("larger than 64 KiB");
        }
    }

    private Repository bare() throws Exception {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve("app.git").toFile()).setBare().build();
        if (!repo.getObjectDatabase().exists()) {
            repo.create(true);
        }
        return repo;
    }

    private static ObjectId commit(Repository repo, String name, FileMode mode, String content) throws Exception {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append(name, mode, blob);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            PersonIdent who = new PersonIdent("test", "test@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("test");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }
}
