package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonAppTest {

    @TempDir
    Path app;

    @Test
    void readsTheLinesPipWouldActOn() {
        assertThat(PythonApp.requirements("""
                # web
                flask==3.0.3  # the framework
                
                gunicorn>=22
                requests#egg
                """)).containsExactly("flask==3.0.3", "gunicorn>=22", "requests#egg");
    }

    @Test
    void acceptsAMissingEmptyOrCommentsOnlyRequirementsFile() throws IOException {
        assertThatCode(() -> PythonApp.checkRequirements(app)).doesNotThrowAnyException();

        Files.writeString(app.resolve("requirements.txt"), "");
        assertThatCode(() -> PythonApp.checkRequirements(app)).doesNotThrowAnyException();

        Files.writeString(app.resolve("requirements.txt"), "# standard library only\n\n   # really\n");
        assertThatCode(() -> PythonApp.checkRequirements(app)).doesNotThrowAnyException();
    }

    @Test
    void refusesPackagesBecausePyPiIsUnreachable() throws IOException {
        Files.writeString(app.resolve("requirements.txt"), "flask==3.0.3\n");

        assertThatThrownBy(() -> PythonApp.checkRequirements(app))
                .isInstanceOf(BuildFailedException.class)
                .hasMessage("requirements.txt asks for flask==3.0.3, but this cluster cannot reach PyPI, so Python"
                        + " packages cannot be installed. Use the standard library only, or copy pure-Python packages"
                        + " into the repository next to your code, and leave requirements.txt empty.");
    }

    @Test
    void namesTheFirstFewPackagesOnly() throws IOException {
        Files.writeString(app.resolve("requirements.txt"), "a\nb\nc\nd\ne\n");

        assertThatThrownBy(() -> PythonApp.checkRequirements(app))
                .hasMessageStartingWith("requirements.txt asks for a, b, c and 2 more, but");
    }
}
