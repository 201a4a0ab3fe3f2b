package dev.paas.builder.build;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for /bin/sh, so an argv (an image's ENTRYPOINT and CMD) can become one command line unchanged. */
final class ShellWords {

    private ShellWords() {
    }

    /** Each word in single quotes; a single quote inside becomes {@code '\''}. */
    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
