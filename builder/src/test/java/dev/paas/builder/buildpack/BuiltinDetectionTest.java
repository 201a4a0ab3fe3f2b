package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which built-in buildpack takes an app: each one's real bin/detect, run by this host's bash in the order
 * {@link BuiltinBuildpacks#NAMES} gives (as the build container runs them), on app trees of the test's making; and
 * the ruby buildpack's choice of a default web process (lib/ruby.sh) and the hints it prints for a failed install.
 */
class BuiltinDetectionTest {

    private static BuiltinBuildpacks builtins;

    @TempDir
    Path app;

    @BeforeAll
    static void extract() {
        builtins = BuiltinBuildpacks.extract();
    }

    @Test
    void rubyAndPhpComeBeforeNodeJsWhoseFilesTheirAppsOftenCarry() throws Exception {
        assertThat(builtins.all().stream().map(Buildpack::name))
                .containsExactly("ruby", "php", "nodejs", "python", "java", "go", "static");

        write("Gemfile", "source 'https://rubygems.org'\n");
        write("package.json", "{}");
        assertThat(detected()).as("a Rails app with a package.json for its assets").isEqualTo("ruby");
    }

    @Test
    void phpIsDetectedByComposerJsonOrIndexPhpEvenBesideAPackageJsonOrIndexHtml() throws Exception {
        write("index.php", "<?php echo 'hi';");
        write("index.html", "<p>hi</p>");
        assertThat(detected()).isEqualTo("php");

        Files.delete(app.resolve("index.php"));
        write("composer.json", "{}");
        write("package.json", "{}");
        assertThat(detected()).as("a Laravel app builds its front end with npm").isEqualTo("php");
    }

    @Test
    void aConfigRuAloneIsARubyAppAndOtherAppsAreDetectedAsBefore() throws Exception {
        write("config.ru", "run ->(env) { [200, {}, ['hi']] }\n");
        assertThat(detected()).isEqualTo("ruby");
        Files.delete(app.resolve("config.ru"));

        write("index.html", "<p>hi</p>");
        assertThat(detected()).isEqualTo("static");
        write("go.mod", "module example.com/a\n");
        assertThat(detected()).isEqualTo("go");
        write("pom.xml", "<project/>");
        assertThat(detected()).isEqualTo("java");
        write("requirements.txt", "");
        assertThat(detected()).isEqualTo("python");
        write("package.json", "{}");
        assertThat(detected()).isEqualTo("nodejs");
    }

    @Test
    void rubyWebProcessIsTheBundlesRackupOrPumaElseDebiansRackup() throws Exception {
        assertThat(ruby("ruby_web_process").out).as("no config.ru: the Procfile must say").isEmpty();

        write("config.ru", "run App\n");
        write("Gemfile.lock", lock("rack (2.2.22)", "webrick (1.8.1)"));
        assertThat(ruby("ruby_web_process").out).isEqualTo("exec bundle exec rackup config.ru -p \"$PORT\" -o 0.0.0.0");

        write("Gemfile.lock", lock("nio4r (2.7.0)", "puma (6.4.2)", "rack (3.0.9)"));
        assertThat(ruby("ruby_web_process").out).as("rack 3 has no rackup of its own")
                .isEqualTo("exec bundle exec puma -p \"$PORT\" config.ru");

        write("Gemfile.lock", lock("puma (6.4.2)", "rack (3.0.9)", "rackup (2.1.0)"));
        assertThat(ruby("ruby_web_process").out).startsWith("exec bundle exec rackup config.ru");

        write("Gemfile.lock", lock("sinatra-contrib (3.0.0)"));
        assertThat(ruby("ruby_web_process").out).as("no server in the bundle: Debian's rackup")
                .isEqualTo("exec rackup config.ru -p \"$PORT\" -o 0.0.0.0");

        write("Gemfile.lock", lock("railties (7.0.8)", "rack (2.2.22)"));
        write("bin/rails", "#!/usr/bin/env ruby\n");
        assertThat(ruby("ruby_web_process").out).startsWith("exec bin/rails server -b 0.0.0.0 -p \"$PORT\"");
    }

    @Test
    void aFailedInstallOfGemsThatAreNotVendoredSaysRubygemsIsUnreachable() throws Exception {
        write("bundle.log", "Could not find sinatra-3.0.0 in locally installed gems\n");
        assertThat(ruby("bundle_failure_hint bundle.log").out)
                .startsWith("rubygems.org is not reachable from this platform's builds: vendor the gems")
                .contains("bundle cache --all");

        write("bundle.log", "Gem::Ext::BuildError: ERROR: Failed to build gem native extension.\n");
        assertThat(ruby("bundle_failure_hint bundle.log").out).startsWith("The build stack has no C compiler");

        write("bundle.log", "Something else entirely\n");
        assertThat(ruby("bundle_failure_hint bundle.log").out).isEmpty();
    }

    private static String lock(String... specs) {
        StringBuilder text = new StringBuilder("GEM\n  remote: https://rubygems.org/\n  specs:\n");
        for (String spec : specs) {
            text.append("    ").append(spec).append('\n');
        }
        return text.append("\nPLATFORMS\n  ruby\n\nBUNDLED WITH\n   2.3.15\n").toString();
    }

    /** The name of the first built-in buildpack whose bin/detect passes, as the build container's loop finds it. */
    private String detected() throws Exception {
        for (Buildpack buildpack : builtins.all()) {
            if (bash(List.of(buildpack.dir().resolve("bin/detect").toString(), app.toString())).exit == 0) {
                return buildpack.name();
            }
        }
        return "none";
    }

    private record Run(int exit, String out, String err) {
    }

    private Run ruby(String call) throws Exception {
        return bash(List.of("bash", "-c", ". \"$0\" && " + call, builtins.root().resolve("lib/ruby.sh").toString()));
    }

    private Run bash(List<String> command) throws Exception {
        Path out = Files.createTempFile("detect-out", ".txt");
        Path err = Files.createTempFile("detect-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(app.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bash did not finish: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private void write(String file, String text) throws IOException {
        Files.createDirectories(app.resolve(file).getParent());
        Files.writeString(app.resolve(file), text);
    }
}
