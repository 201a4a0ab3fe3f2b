package dev.paas.builder.build;

import java.util.Map;

/**
 * @param image        the pushed image reference
 * @param processTypes process type to command, e.g. {@code web -> python3 app.py}
 * @param port         the port the web process should listen on inside the container (PORT)
 * @param language     what was detected, e.g. "Python"
 */
public record BuildResult(String image, Map<String, String> processTypes, int port, String language) {
}
