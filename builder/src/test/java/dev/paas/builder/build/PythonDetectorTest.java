package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonDetectorTest {

    @TempDir
    Path app;

    private final PythonDetector python = new PythonDetector();

    @ParameterizedTest
    @ValueSource(strings = {"requirements.txt", "setup.py", "pyproject.toml"})
    void detectsWhatPipWouldRecognise(String marker) throws IOException {
        Files.writeString(app.resolve(marker), "");

        assertThat(python.detects(app)).isTrue();
    }

    @Test
    void detectsAProcfileWithAPythonFileAtTheRoot() throws IOException {
        Files.writeString(app.resolve("Procfile"), "web: python3 app.py\n");
        Files.writeString(app.resolve("app.py"), "print('hi')\n");

        assertThat(python.detects(app)).isTrue();
    }

    @Test
    void ignoresPythonFilesWithoutAProcfileOrBelowTheRoot() throws IOException {
        Files.writeString(app.resolve("app.py"), "print('hi')\n");
        assertThat(python.detects(app)).isFalse();

        Files.delete(app.resolve("app.py"));
        Files.writeString(app.resolve("Procfile"), "web: ./run\n");
        Files.createDirectories(app.resolve("tools"));
        Files.writeString(app.resolve("tools/gen.py"), "");
        Files.createDirectories(app.resolve("lib.py"));
        assertThat(python.detects(app)).isFalse();
    }

    @Test
    void firstReturnsTheDetectorThatMatches() throws Exception {
        Files.writeString(app.resolve("requirements.txt"), "");

        assertThat(Detector.first(List.of(python), app)).isSameAs(python);
    }

    @Test
    void nothingDetectedSaysWhatToAdd() throws IOException {
        Files.writeString(app.resolve("index.html"), "<h1>hi</h1>");

        assertThatThrownBy(() -> Detector.first(List.of(python), app))
                .isInstanceOf(BuildFailedException.class)
                .hasMessage("No buildpack detected this app: add a requirements.txt (Python), even an empty one.");
    }
}
