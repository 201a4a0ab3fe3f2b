package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lib/php.sh as the php buildpack runs it: in the build stack image (its PHP reads composer.json), as the build
 * user, on an app directory of the test's making: the document root the default web process serves, and what a
 * hostile or broken composer.json gets.
 */
class PhpLibScriptTest {

    @TempDir
    Path app;

    @Test
    void documentRootComesFromComposerJsonExtraHerokuAndMustStayInTheApp() throws Exception {
        assertThat(run("php_document_root").output).as("no composer.json: the app's root").isEmpty();

        write("{\"extra\": {\"heroku\": {\"document-root\": \"public/\"}}}");
        assertThat(run("php_document_root").output).isEqualTo("public");
        write("{\"name\": \"a/b\"}");
        assertThat(run("php_document_root").output).isEmpty();

        write("{\"extra\": {\"heroku\": {\"document-root\": \"../etc\"}}}");
        Result climbing = run("php_document_root");
        assertThat(climbing.exit).isNotZero();
        assertThat(climbing.output).contains("extra.heroku.document-root \"../etc\" is not a directory of the app");
        write("{\"extra\": {\"heroku\": {\"document-root\": \"web; rm -rf /\"}}}");
        assertThat(run("php_document_root").exit).isNotZero();
    }

    @Test
    void aComposerJsonThatIsNoJsonObjectFailsNamingWhyAndPackagesAreCountedWithoutThePlatform() throws Exception {
        write("{\"require\": {\"php\": \">=8.1\", \"ext-mysqli\": \"*\", \"slim/slim\": \"^4\", \"monolog/monolog\": \"^3\"}}");
        assertThat(run("composer_packages").output).isEqualTo("2");

        write("{\"require\": ");
        Result broken = run("php_document_root");
        assertThat(broken.exit).isNotZero();
        assertThat(broken.output).contains("composer.json is not a JSON object: Syntax error");
    }

    private record Result(int exit, String output) {
    }

    private void write(String composerJson) throws IOException {
        Files.writeString(app.resolve("composer.json"), composerJson);
    }

    private Result run(String call) throws IOException, InterruptedException {
        try {
            assumeTrue(new ProcessBuilder("docker", "image", "inspect", BuildpackRunner.STACK_IMAGE)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0,
                    "The build stack image is missing: run deploy/lib/images.sh");
        } catch (IOException noDocker) {
            assumeTrue(false, "docker is not installed");
        }
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = BuiltinBuildpacks.extract().root().resolve("lib");
        List<String> command = List.of("docker", "run", "--rm", "--user", "10000:10000", "--network", "none",
                "-v", lib + ":/lib-under-test:ro", "-v", app + ":/app:ro", "-w", "/app", BuildpackRunner.STACK_IMAGE,
                "bash", "-c", ". /lib-under-test/php.sh; " + call);
        Path output = Files.createTempFile("php-lib", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The script ran over a minute: " + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
