package dev.paas.builder.build;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Dockerfile the builder writes for an app without one: the app's files on top of the run stack image.
 * Each instruction is a build step (a container and a commit, about 0.3 s), hence a single ENV and a single
 * LABEL line, and no EXPOSE: the node-agent publishes PORT itself. The entrypoint is the {@link Launcher},
 * which gives every process (the CMD, or the command the node-agent passes) Heroku's run-time environment.
 *
 * @param runImage       the stack image, present on this host
 * @param appDir         the app's directory inside the build context
 * @param env            platform-chosen variables (not the app's config, which the node-agent sets)
 * @param defaultCommand run through {@code /bin/sh -c} when the image is started without a command
 * @param labels         written unquoted, so only plain words are accepted
 */
record GeneratedDockerfile(String runImage, String appDir, int port, Map<String, String> env, String defaultCommand,
                           Map<String, String> labels) {

    /** Words that need no quoting and that Docker cannot expand ($) or split; user text goes only into CMD. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:-]+");

    GeneratedDockerfile {
        env = plain(env);
        labels = plain(labels);
    }

    String render() {
        StringBuilder out = new StringBuilder("# Written by the paas builder for this build only.\n");
        out.append("FROM ").append(runImage).append('\n');
        out.append("ENV PORT=").append(port);
        env.forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
        out.append("\nWORKDIR /app\n");
        out.append("COPY ").append(Launcher.FILE_NAME).append(' ').append(Launcher.PATH).append('\n');
        out.append("COPY ").append(appDir).append("/ /app/\n");
        out.append("ENTRYPOINT [").append(json(Launcher.PATH)).append("]\n");
        out.append("CMD [\"/bin/sh\", \"-c\", ").append(json(defaultCommand)).append("]\n");
        if (!labels.isEmpty()) {
            out.append("LABEL");
            labels.forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
            out.append('\n');
        }
        return out.toString();
    }

    /** A JSON string literal: the exec form of CMD is parsed as JSON, and JSON escaping is all it needs. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static Map<String, String> plain(Map<String, String> words) {
        for (Map.Entry<String, String> e : words.entrySet()) {
            if (!PLAIN.matcher(e.getKey()).matches() || !PLAIN.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("Not a plain Dockerfile word: " + e);
            }
        }
        return new TreeMap<>(words);
    }
}
