package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DockerfileBasesTest {

    private final DockerfileBases bases = new DockerfileBases("127.0.0.1:5000/hello:v3", List.of("node:20-bookworm"));

    @Test
    void theStacksTheAppsOwnImagesTheAllowListStagesAndScratchAreAllowed() {
        assertThatCode(() -> bases.check("""
                # syntax and comments are skipped
                ARG BASE=paas/stack-build:bookworm
                FROM ${BASE} AS build
                RUN make
                FROM 127.0.0.1:5000/hello:v2 AS previous
                FROM docker.io/library/node:20-bookworm
                FROM debian:bookworm-slim
                COPY --from=build /out /out
                COPY --from=0 /a /a
                COPY --chown=app --from=previous /app /app
                RUN --mount=type=cache,target=/root/.npm,from=build npm ci
                FROM scratch
                """)).doesNotThrowAnyException();
    }

    @Test
    void anotherAppsImageIsRefusedByName() {
        assertThatThrownBy(() -> bases.check("FROM 127.0.0.1:5000/other:v1\n"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("FROM 127.0.0.1:5000/other:v1 is another app's image: a Dockerfile may start"
                        + " from the platform's stack images, this app's own images and the images an admin allows"
                        + " (paas.dockerfile.allowed-bases).");
        assertThatThrownBy(() -> bases.check("FROM paas-deps/other:abc\n"))
                .hasMessageStartingWith("FROM paas-deps/other:abc is another app's image");
        assertThatThrownBy(() -> bases.check("FROM debian:bookworm\nCOPY --from=127.0.0.1:5000/other:v1 /app /app\n"))
                .hasMessageStartingWith("COPY --from 127.0.0.1:5000/other:v1 is another app's image");
        assertThatThrownBy(() -> bases.check("FROM debian:bookworm\nRUN --mount=type=bind,from=127.0.0.1:5000/other:v1,"
                + "target=/o cat /o/app/.env\n"))
                .hasMessageStartingWith("RUN --mount from 127.0.0.1:5000/other:v1 is another app's image");
    }

    @Test
    void argumentsAreResolvedFromTheirDefaultsOrRefused() {
        assertThatThrownBy(() -> bases.check("ARG APP=other\nFROM 127.0.0.1:5000/${APP}:v1\n"))
                .hasMessageStartingWith("FROM 127.0.0.1:5000/other:v1 is another app's image");
        assertThatThrownBy(() -> bases.check("ARG IMAGE\nFROM $IMAGE\n"))
                .hasMessage("The Dockerfile's FROM uses $IMAGE, which has no default in an ARG before the first FROM:"
                        + " name the image itself.");
    }

    @Test
    void imagesNobodyAllowedAreRefusedAndContinuationsAndEscapeDirectivesAreFollowed() {
        assertThatThrownBy(() -> bases.check("FROM \\\n  alpine:3\n"))
                .hasMessageStartingWith("FROM alpine:3 is not an image this platform builds from");
        assertThatThrownBy(() -> bases.check("# escape=`\nFROM debian:bookworm\nCOPY `\n  --from=127.0.0.1:5000/other:v1 /a /a\n"))
                .hasMessageStartingWith("COPY --from 127.0.0.1:5000/other:v1 is another app's image");
        assertThatThrownBy(() -> bases.check("from --platform=linux/amd64 debian\n"))
                .hasMessageStartingWith("FROM debian is not an image this platform builds from");
        assertThatThrownBy(() -> bases.check("FROM debian:bookworm AS base\nFROM base2\n"))
                .hasMessageStartingWith("FROM base2 is not an image");
    }
}
