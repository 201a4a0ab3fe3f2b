package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is refused before Docker is asked for anything (so no engine is needed here). */
class DockerfileBuilderTest {

    @TempDir
    Path dir;

    @Test
    void refusesALinkToADirectoryThatTheContextWouldWalkForever() throws Exception {
        try (TestRepo repo = TestRepo.create(dir.resolve("repo.git"))) {
            ObjectId commit = repo.tree()
                    .file("Dockerfile", "FROM paas/stack-run:bookworm\nCOPY . /app\n")
                    .symlink("Dockerfile.link", "Dockerfile")
                    .symlink("src/loop", "..")
                    .commit();

            assertThatThrownBy(() -> new DockerfileBuilder(null).build(
                    new BuildRequest("loops", repo.repository, commit, "127.0.0.1:5000/loops:v1", Map.of()),
                    line -> { }))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("A Dockerfile app may link to files only: src/loop links to a directory");
        }
    }
}
