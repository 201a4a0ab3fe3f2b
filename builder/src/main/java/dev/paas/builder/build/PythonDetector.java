package dev.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Python if the app declares itself Python the way pip would see it (requirements.txt, setup.py,
 * pyproject.toml), or if it has a Procfile and a {@code .py} file at its root (a standard-library-only app).
 */
public final class PythonDetector implements Detector {

    private static final String[] MARKERS = {"requirements.txt", "setup.py", "pyproject.toml"};

    @Override
    public String language() {
        return "Python";
    }

    @Override
    public String hint() {
        return "a requirements.txt (Python), even an empty one";
    }

    @Override
    public boolean detects(Path app) throws IOException {
        for (String marker : MARKERS) {
            if (Files.isRegularFile(app.resolve(marker))) {
                return true;
            }
        }
        return Files.isRegularFile(app.resolve(Procfile.FILE_NAME)) && hasPythonFileAtRoot(app);
    }

    private static boolean hasPythonFileAtRoot(Path app) throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".py") && Files.isRegularFile(f));
        }
    }
}
