package dev.paas.builder.build;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The web port of a Dockerfile app: its first EXPOSE, else the lowest port its image exposes, else 5000. */
final class DockerfilePort {

    static final int DEFAULT = 5000;

    private static final Pattern EXPOSE = Pattern.compile("(?i)^\\s*EXPOSE\\s+(\\d{1,5})(/tcp)?(\\s|$)");

    private DockerfilePort() {
    }

    static int of(String dockerfile, List<Integer> imagePorts) {
        OptionalInt first = firstExpose(dockerfile);
        if (first.isPresent()) {
            return first.getAsInt();
        }
        return imagePorts.stream().mapToInt(Integer::intValue).min().orElse(DEFAULT);
    }

    /** The first {@code EXPOSE N} line with a literal TCP port; variables ({@code EXPOSE $PORT}) are skipped. */
    static OptionalInt firstExpose(String dockerfile) {
        for (String line : dockerfile.split("\\R")) {
            Matcher matcher = EXPOSE.matcher(line);
            if (matcher.find()) {
                int port = Integer.parseInt(matcher.group(1));
                if (port > 0 && port < 65536) {
                    return OptionalInt.of(port);
                }
            }
        }
        return OptionalInt.empty();
    }
}
