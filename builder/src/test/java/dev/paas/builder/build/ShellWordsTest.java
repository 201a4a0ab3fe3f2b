package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void quotesEachWordSoTheShellSeesTheSameArgv() throws Exception {
        List<String> argv = List.of("printf", "%s|", "it's", "$HOME", "a b", "`x`;");
        String line = ShellWords.join(argv);

        Process sh = new ProcessBuilder("/bin/sh", "-c", line).start();
        assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo("it's|$HOME|a b|`x`;|");
        assertThat(sh.waitFor()).isZero();
    }
}
