package dev.paas.builder.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Python app needs from its image, until Python gets a real buildpack (bin/compile in a build
 * container). PyPI cannot be reached from this cluster, so nothing is installed: the app must run on the
 * stack's python3 and the standard library, plus any pure-Python packages vendored into the repository.
 */
final class PythonApp {

    static final String EXAMPLE_PROCESS = "web: python3 app.py";

    /** Unbuffered, so print() lines reach the platform's logs as they are printed rather than on exit. */
    static final Map<String, String> ENV = Map.of("PYTHONUNBUFFERED", "1");

    private static final String REQUIREMENTS = "requirements.txt";

    private PythonApp() {
    }

    /** Fails when requirements.txt asks for packages the builder cannot install. */
    static void checkRequirements(Path app) throws IOException, BuildFailedException {
        Path file = app.resolve(REQUIREMENTS);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> requirements = requirements(Files.readString(file, StandardCharsets.UTF_8));
        if (requirements.isEmpty()) {
            return;
        }
        String listed = requirements.size() <= 3 ? String.join(", ", requirements)
                : String.join(", ", requirements.subList(0, 3)) + " and " + (requirements.size() - 3) + " more";
        throw new BuildFailedException(REQUIREMENTS + " asks for " + listed
                + ", but this cluster cannot reach PyPI, so Python packages cannot be installed."
                + " Use the standard library only, or copy pure-Python packages into the repository next to your"
                + " code, and leave " + REQUIREMENTS + " empty.");
    }

    /** The lines pip would act on: comments ({@code #} at the start or after a space) and blanks dropped. */
    static List<String> requirements(String text) {
        List<String> requirements = new ArrayList<>();
        for (String line : text.replace("\uFEFF", "").split("\\R")) {
            int comment = line.startsWith("#") ? 0 : indexOfInlineComment(line);
            String requirement = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!requirement.isEmpty()) {
                requirements.add(requirement);
            }
        }
        return requirements;
    }

    private static int indexOfInlineComment(String line) {
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
