package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class GeneratedDockerfileTest {

    @Test
    void putsTheAppOnTheRunImageInAsFewStepsAsItCan() {
        String dockerfile = new GeneratedDockerfile("paas/stack-run:bookworm", "app", 5000,
                Map.of("PYTHONUNBUFFERED", "1"), "python3 app.py",
                Map.of("paas.build.app", "hello", "org.opencontainers.image.revision", "0a1b2c")).render();

        assertThat(dockerfile).isEqualTo("""
                # Written by the paas builder for this build only.
                FROM paas/stack-run:bookworm
                ENV PORT=5000 PYTHONUNBUFFERED=1
                WORKDIR /app
                COPY launch /paas/launch
                COPY app/ /app/
                ENTRYPOINT ["/paas/launch"]
                CMD ["/bin/sh", "-c", "python3 app.py"]
                LABEL org.opencontainers.image.revision=0a1b2c paas.build.app=hello
                """);
    }

    @Test
    void escapesTheCommandAsJsonAndLeavesShellSyntaxForTheShell() {
        String dockerfile = new GeneratedDockerfile("base", "app", 5000, Map.of(),
                "echo \"hi\" \\ $PORT\t'x'", Map.of()).render();

        assertThat(dockerfile).contains("CMD [\"/bin/sh\", \"-c\", \"echo \\\"hi\\\" \\\\ $PORT\\u0009'x'\"]\n")
                .doesNotContain("LABEL");
    }

    @Test
    void refusesEnvOrLabelsThatWouldNeedQuotingOrExpand() {
        assertThatThrownBy(() -> new GeneratedDockerfile("base", "app", 5000, Map.of("A", "b c"), "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratedDockerfile("base", "app", 5000, Map.of(), "x", Map.of("a", "$HOME")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
