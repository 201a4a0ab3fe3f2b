package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helpers the java and go buildpacks source (lib/java.sh, lib/go.sh), run by the real bash on this host in
 * an app directory of the test's making: how system.properties and go.mod are read, which JDK is chosen, how
 * binaries are named, and the errors a user reads.
 */
class BuildpackLibTest {

    private static Path libs;

    @TempDir
    Path app;

    @BeforeAll
    static void extract() {
        libs = BuiltinBuildpacks.extract().root().resolve("lib");
    }

    @Test
    void readsJavaVersionsAsHerokuDoes() throws Exception {
        assertThat(java("java_feature 17").out).isEqualTo("17");
        assertThat(java("java_feature 17.0.2").out).isEqualTo("17");
        assertThat(java("java_feature 1.8").out).isEqualTo("8");
        assertThat(java("java_feature 1.8.0_292").out).isEqualTo("8");
        assertThat(java("java_feature zulu-21.0.1").out).isEqualTo("21");
        assertThat(java("java_feature heroku-11").out).isEqualTo("11");
        assertThat(java("java_feature latest").out).isEmpty();
    }

    @Test
    void readsTheLastValueOfAPropertyWithEitherSeparator() throws Exception {
        write("system.properties", "# java.runtime.version=8\r\njava.runtime.version = 11\r\nmaven.version:3.9.9\n"
                + "java.runtime.version=17  \n");

        assertThat(java("system_property java.runtime.version").out).isEqualTo("17");
        assertThat(java("system_property maven.version").out).isEqualTo("3.9.9");
        assertThat(java("system_property java_runtime_version").out).isEmpty();
    }

    @Test
    void choosesTheAskedJdkOrTheNewestAndNamesThoseThereAreWhenItLacksOne() throws Exception {
        Path jvm = Files.createDirectories(app.resolve("jvm"));
        jdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.9");
        jdk(jvm.resolve("java-21-openjdk-amd64"), "21.0.1");
        Files.createSymbolicLink(jvm.resolve("java-1.21.0-openjdk-amd64"), jvm.resolve("java-21-openjdk-amd64"));
        Files.createDirectories(jvm.resolve("openjdk-17-jre-only"));

        assertThat(java("select_jdk 17 " + jvm).out).isEqualTo(jvm.resolve("java-17-openjdk-amd64").toString());
        assertThat(java("select_jdk zulu-17.0.2 " + jvm).out).isEqualTo(jvm.resolve("java-17-openjdk-amd64").toString());
        assertThat(java("select_jdk '' " + jvm).out).isEqualTo(jvm.resolve("java-21-openjdk-amd64").toString());

        Run lacking = java("select_jdk 11 " + jvm);
        assertThat(lacking.exit).isNotZero();
        assertThat(lacking.err).contains("system.properties asks for Java 11 (java.runtime.version=11), which this"
                + " platform does not have: it has Java 17 (17.0.9), Java 21 (21.0.1).");
        Run invalid = java("select_jdk banana " + jvm);
        assertThat(invalid.exit).isNotZero();
        assertThat(invalid.err).contains("java.runtime.version=banana is not a Java version");
    }

    @Test
    void refusesAMavenVersionThatIsNoVersionBeforeDownloadingAnything() throws Exception {
        Run run = java("install_maven '3.9; rm -rf /' " + app.resolve("maven") + " http://127.0.0.1:9");

        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("maven.version=3.9; rm -rf / is not a Maven version (write e.g. maven.version=3.9.16)");
        assertThat(app.resolve("maven")).doesNotExist();
    }

    @Test
    void namesGoBinariesAfterTheModulePathOrDotGodir() throws Exception {
        assertThat(go("go_binary_name example.com/go-hello").out).isEqualTo("go-hello");
        assertThat(go("go_binary_name github.com/you/app/v2").out).isEqualTo("app");
        assertThat(go("go_binary_name v2").out).isEqualTo("v2");

        assertThat(go("go_app_binary").out).as("neither go.mod nor .godir").isEqualTo("app");
        write(".godir", "example.com/greeter/\n");
        assertThat(go("go_godir").out).isEqualTo("example.com/greeter");
        assertThat(go("go_app_binary").out).isEqualTo("greeter");
        write("go.mod", "module \"github.com/you/server/v3\" // the module\n\ngo 1.19\n");
        assertThat(go("go_app_binary").out).as("go.mod wins over .godir").isEqualTo("server");

        write(".godir", "../../etc\n");
        Run climbing = go("go_godir");
        assertThat(climbing.out).isEmpty();
        assertThat(climbing.err).contains(".godir does not hold an import path");
    }

    @Test
    void readsTheGoVersionGoModAsksForAndComparesVersionsByNumber() throws Exception {
        write("go.mod", "module example.com/a\n\ngo 1.21\n");
        assertThat(go("go_wanted_version").out).isEqualTo("1.21");
        write("go.mod", "module example.com/a\n\ngo 1.21\ntoolchain go1.22.3\n");
        assertThat(go("go_wanted_version").out).isEqualTo("1.22.3");
        write("go.mod", "// +heroku goVersion go1.18\nmodule example.com/a\n\ngo 1.21\n");
        assertThat(go("go_wanted_version").out).isEqualTo("1.18");

        assertThat(go("version_newer 1.21 1.19.8").exit).isZero();
        assertThat(go("version_newer 1.19.10 1.19.8").exit).isZero();
        assertThat(go("version_newer 1.19 1.19.8").exit).isNotZero();
        assertThat(go("version_newer 1.19.8 1.19.8").exit).isNotZero();
        assertThat(go("version_newer 1.9 1.19").exit).isNotZero();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run java(String call) throws Exception {
        return bash("java.sh", call);
    }

    private Run go(String call) throws Exception {
        return bash("go.sh", call);
    }

    private Run bash(String lib, String call) throws Exception {
        Path out = Files.createTempFile("lib-out", ".txt");
        Path err = Files.createTempFile("lib-err", ".txt");
        try {
            Process process = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && " + call, libs.resolve(lib).toString()))
                    .directory(app.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bash did not finish: " + call);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(app.resolve(file), text);
    }

    private static void jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path javac = home.resolve("bin/javac");
        Files.writeString(javac, "#!/bin/sh\n");
        Files.setPosixFilePermissions(javac, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
}
