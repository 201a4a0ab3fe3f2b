package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.dockerjava.api.DockerClient;

/** Builds the builder refuses before it asks Docker for anything, so these need no Docker engine. */
class DockerImageBuilderFailuresTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private DockerClient docker;
    private TestRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        docker = LocalDocker.connect();
        repo = TestRepo.create(dir.resolve("app.git"));
    }

    @AfterEach
    void tearDown() throws Exception {
        repo.close();
        docker.close();
    }

    @Test
    void anAppNoDetectorRecognises() throws Exception {
        ObjectId commit = repo.tree().file("index.html", "<h1>hi</h1>").file("README.md", "hi").commit();

        assertThatThrownBy(() -> build(commit))
                .isInstanceOf(BuildFailedException.class)
                .hasMessage("No buildpack detected this app: add a requirements.txt (Python), even an empty one.");
    }

    @Test
    void aPythonAppWithoutAProcfile() throws Exception {
        ObjectId commit = repo.tree().file("requirements.txt", "").file("app.py", "print('hi')").commit();

        assertThatThrownBy(() -> build(commit))
                .hasMessage("No Procfile: add one that says how to start the app, e.g. 'web: python3 app.py'.");
        assertThat(log).containsExactly("-----> Python app detected", "-----> Discovering process types");
    }

    @Test
    void aProcfileWithoutProcesses() throws Exception {
        ObjectId commit = repo.tree().file("requirements.txt", "").file("Procfile", "# soon\n").commit();

        assertThatThrownBy(() -> build(commit))
                .hasMessage("The Procfile declares no process types: add a line such as 'web: python3 app.py'.");
    }

    @Test
    void aMalformedProcfile() throws Exception {
        ObjectId commit = repo.tree().file("Procfile", "web: python3 app.py\n\npython3 worker.py\n")
                .file("app.py", "").commit();

        assertThatThrownBy(() -> build(commit)).hasMessage("Procfile line 3 is not 'name: command'");
    }

    @Test
    void requirementsThatNeedPyPi() throws Exception {
        ObjectId commit = repo.tree().file("requirements.txt", "flask\n").file("Procfile", "web: flask run\n")
                .commit();

        assertThatThrownBy(() -> build(commit)).hasMessageStartingWith(
                "requirements.txt asks for flask, but this cluster cannot reach PyPI");
    }

    private BuildResult build(ObjectId commit) throws BuildFailedException {
        return new DockerImageBuilder(docker).build(
                new BuildRequest("hello", repo.repository, commit, "127.0.0.1:5000/hello:v1"), log::add);
    }
}
