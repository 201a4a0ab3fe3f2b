package dev.paas.cli.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitRemotesTest {

    @ParameterizedTest
    @CsvSource({
            "ssh://git@host:2222/hello.git, hello",
            "ssh://git@127.0.0.1:2222/hello.git, hello",
            "ssh://git@host/hello, hello",
            "ssh://git@host:2222/hello.git/, hello",
            "git@host:hello.git, hello",
            "git@host:hello, hello",
            "host:apps/hello-2.git, hello-2",
            "https://controller.example.com/git/hello.git, hello",
            "/srv/repos/hello.git, hello",
            "./path:with/colon/hello.git, hello",
            "'  ssh://git@host:2222/hello.git\n', hello",
    })
    void readsTheAppNameFromTheRemoteUrl(String url, String app) {
        assertThat(GitRemotes.appName(url)).contains(app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ssh://git@host:2222", "ssh://git@host:2222/", "git@host:", "git@host:.git"})
    void findsNoAppInAUrlWithoutAPath(String url) {
        assertThat(GitRemotes.appName(url)).isEmpty();
    }

    @Test
    void findsNoAppWithoutAUrl() {
        assertThat(GitRemotes.appName(null)).isEmpty();
    }
}
