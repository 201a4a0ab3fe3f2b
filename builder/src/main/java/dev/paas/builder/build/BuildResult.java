package dev.paas.builder.build;

import java.util.Map;

/**
 * What a build produced. The node-agent runs each process as {@code ["/bin/sh", "-c", command]} in a
 * container of {@code image} with {@code PORT} set; the image's own CMD (the web process, or the first one)
 * is only a convenience for {@code docker run} by hand.
 *
 * @param image        the pushed image reference
 * @param processTypes process type to command in Procfile order, e.g. {@code web -> python3 app.py}
 * @param port         the port the web process should listen on inside the container (PORT)
 * @param language     what was detected, e.g. "Python"
 */
public record BuildResult(String image, Map<String, String> processTypes, int port, String language) {
}
