package dev.paas.builder.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitCommandLineTest {

    @Test
    void readsAReceivePackOfAnUrlPath() {
        assertThat(GitCommandLine.parse("git-receive-pack '/hello.git'"))
                .isEqualTo(new GitCommandLine(GitCommandLine.Service.RECEIVE_PACK, "/hello.git", "hello"));
    }

    @Test
    void readsAnUploadPackOfAnScpStylePathWithoutGitSuffix() {
        assertThat(GitCommandLine.parse("git-upload-pack 'my-app-2'"))
                .isEqualTo(new GitCommandLine(GitCommandLine.Service.UPLOAD_PACK, "my-app-2", "my-app-2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "git-receive-pack", "git receive-pack '/hello.git'",
        "git-upload-archive '/hello.git'",
        "sh -c 'git-receive-pack /hello.git'", "git-receive-pack '/hello.git'; rm -rf /"})
    void refusesOtherCommands(String line) {
        assertThatIllegalArgumentException().isThrownBy(() -> GitCommandLine.parse(line))
                .withMessageStartingWith("This server only accepts git push: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'/Hello.git'", "'/../hello.git'", "'/a/hello.git'", "/hello.git", "'/hello.git.git'",
        "'/hello.git' 'x'", "'/hel'lo.git'", "''", "'/hello\n.git'"})
    void refusesPathsThatAreNotAnAppRepository(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> GitCommandLine.parse("git-receive-pack " + path))
                .withMessageContaining("is not an app repository");
    }

    @Test
    void neverEchoesControlCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> GitCommandLine.parse("ls \u001b[2J"))
                .withMessageContaining("\"ls ?[2J\"");
    }
}
