package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import dev.paas.builder.build.BuildFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildpackResolverTest {

    @TempDir
    Path dir;

    private final BuiltinBuildpacks builtins = BuiltinBuildpacks.extract();
    private final BuildpackResolver resolver = new BuildpackResolver(builtins);

    @Test
    void noChoiceMeansDetection() throws Exception {
        assertThat(resolver.chosen(app(), Map.of(), dir, line -> { })).isEmpty();
    }

    @Test
    void dotBuildpacksListsBuiltinsAndPathsInOrderWithComments() throws Exception {
        Path pack = buildpack("mine");
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "# first mine\n" + pack + "  # a local one\n\nnodejs\n");

        List<Buildpack> chosen = resolver.chosen(app, Map.of(), dir, line -> { });

        assertThat(chosen).containsExactly(new Buildpack(pack.toString(), pack), builtins.named("nodejs"));
    }

    @Test
    void buildpackUrlConfigVarWinsOverTheFile() throws Exception {
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "nodejs\n");

        assertThat(resolver.chosen(app, Map.of("BUILDPACK_URL", "go"), dir, line -> { }))
                .containsExactly(builtins.named("go"));
    }

    @Test
    void badEntriesAreRefusedNamingTheLine() throws Exception {
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "nodejs\n--upload-pack=touch /tmp/x\n");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of(), dir, line -> { }))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith(".buildpacks line 2: '--upload-pack=touch /tmp/x' is not a built-in buildpack");

        assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", "/nowhere"), dir, line -> { }))
                .hasMessage("BUILDPACK_URL: /nowhere is not a buildpack on the build host (no executable bin/compile in it).");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", "https://example.com/x.git#;rm"), dir,
                line -> { })).hasMessageContaining("is not a built-in buildpack");

        Files.writeString(app.resolve(".buildpacks"), "# nothing\n\n");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of(), dir, line -> { }))
                .hasMessageStartingWith(".buildpacks names no buildpack");
    }

    @Test
    void aGitUrlThatCannotBeClonedFailsWithGitsReason() throws Exception {
        assertThatThrownBy(() -> resolver.chosen(app(), Map.of("BUILDPACK_URL", "file://" + dir.resolve("none.git")),
                dir, line -> { }))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("Could not fetch buildpack file://" + dir.resolve("none.git") + ": ");
    }

    private Path app() throws Exception {
        return Files.createDirectories(dir.resolve("app"));
    }

    private Path buildpack(String name) throws Exception {
        Path compile = dir.resolve(name).resolve("bin/compile");
        Files.createDirectories(compile.getParent());
        Files.writeString(compile, "#!/bin/sh\n");
        Files.setPosixFilePermissions(compile, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve(name);
    }
}
