package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Java and Go apps as users bring them from Heroku: a current pom (only {@code maven.compiler.release}, or no Java
 * version at all) built by Maven 3.9 from Maven Central, an app's own Maven wrapper, system.properties, a Go app
 * named by .godir; and the errors for a Java or Go version the platform lacks. Each push's time is printed, the
 * figures of the cold and warm pushes of these samples.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JavaAndGoAppsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    /**
     * Maven 3.9 is downloaded into the app's build cache on the first push and reused after; a pom that then drops
     * its Java version still builds the Java 17 code (a record, a text block) for the JDK in use.
     */
    @Test
    void modernPomBuiltByMaven39ThenAWarmPushThenAPomWithNoJavaVersion() throws Exception {
        String app = "jmod-" + run;
        Path dir = user.checkout("java-maven-modern", app);

        Shell.Result cold = Shell.timed("JavaAndGoAppsIT: java-maven-modern cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Java (Maven) app detected (buildpack java)",
                "remote: -----> Installing Maven 3.9.16 from Maven Central",
                "remote: -----> Building with Maven 3.9.16: mvn clean package", "BUILD SUCCESS");
        assertThat(cluster.curl(app).out())
                .isEqualTo("{\"message\":\"Hello from modern Java\",\"java\":17,\"maven\":\"3.9.16\"}\n200");

        User.edit(dir.resolve("src/main/java/hello/Main.java"), "Hello from modern Java", "Hello again");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("JavaAndGoAppsIT: java-maven-modern warm push (code only)",
                () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Using Maven 3.9.16 from the cache",
                "remote: -----> Restoring target/ from the cache").doesNotContain("Installing Maven");
        assertThat(cluster.curl(app).out()).startsWith("{\"message\":\"Hello again\",\"java\":17");

        User.edit(dir.resolve("pom.xml"), "<maven.compiler.release>17</maven.compiler.release>", "");
        user.commitAll(dir, "no Java version in the pom");
        Shell.Result noRelease = Shell.timed("JavaAndGoAppsIT: java-maven-modern, pom without a Java version",
                () -> user.push(dir));
        assertThat(noRelease.exit()).as(noRelease.all()).isZero();
        assertThat(noRelease.err()).contains("remote: -----> pom.xml names no Java version: compiling for Java 17,"
                + " the JDK in use (-Dmaven.compiler.release=17)", "BUILD SUCCESS");
        assertThat(cluster.curl(app).out()).startsWith("{\"message\":\"Hello again\",\"java\":17");
    }

    /** The wrapper's Maven (3.9.9, from Maven Central) builds the app, and stays in the build cache for the next push. */
    @Test
    void anAppsMavenWrapperIsUsedAndItsDistributionCached() throws Exception {
        String app = "jmvnw-" + run;
        Path dir = user.checkout("java-mvnw", app);

        Shell.Result cold = Shell.timed("JavaAndGoAppsIT: java-mvnw cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Using the app's Maven wrapper (mvnw): apache-maven-3.9.9-bin.zip",
                "remote: -----> Building with the wrapper's Maven (apache-maven-3.9.9-bin.zip): ./mvnw clean package", "BUILD SUCCESS")
                .doesNotContain("Installing Maven");
        assertThat(cluster.curl(app).out())
                .isEqualTo("{\"message\":\"Hello from Java built by mvnw\",\"java\":17,\"maven\":\"3.9.9\"}\n200");
        assertThat(cluster.dataDir.resolve("cache/" + app + "/mvnw/wrapper/dists")).as("the wrapper's Maven is cached")
                .isDirectory();

        User.edit(dir.resolve("src/main/java/hello/Main.java"), "Hello from Java built by mvnw", "Hello again by mvnw");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("JavaAndGoAppsIT: java-mvnw warm push (code only)", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Restoring target/ from the cache");
        assertThat(cluster.curl(app).out()).startsWith("{\"message\":\"Hello again by mvnw\",\"java\":17,\"maven\":\"3.9.9\"}");
    }

    /** A Java or Maven version the platform cannot give is refused before Maven runs, saying what there is. */
    @Test
    void systemPropertiesAskingForAJavaOrMavenThatIsNotThereRejectThePush() throws Exception {
        String app = "jbad-" + run;
        Path dir = user.checkout("java-maven-modern", app);
        Files.writeString(dir.resolve("system.properties"), "java.runtime.version=21\n");
        user.commitAll(dir, "Java 21");

        Shell.Result java21 = Shell.timed("JavaAndGoAppsIT: java.runtime.version=21 refused", () -> user.push(dir));
        assertThat(java21.exit()).isNotZero();
        assertThat(java21.err()).contains("system.properties asks for Java 21 (java.runtime.version=21), which this"
                + " platform does not have: it has Java 17 (17.", "Buildpack java failed to compile the app")
                .doesNotContain("BUILD SUCCESS");

        Files.writeString(dir.resolve("system.properties"), "java.runtime.version=17\nmaven.version=3.9.99\n");
        user.commitAll(dir, "a Maven that does not exist");
        Shell.Result maven = Shell.timed("JavaAndGoAppsIT: maven.version=3.9.99 refused", () -> user.push(dir));
        assertThat(maven.exit()).isNotZero();
        assertThat(maven.err()).contains("Maven 3.9.99 is not on Maven Central (org.apache.maven:apache-maven:3.9.99,"
                + " bin.tar.gz)", "Buildpack java failed to compile the app");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    /** No go.mod: .godir names the import path, so the binary (greeter, run from the PATH) and the app's own imports. */
    @Test
    void goAppNamedByDotGodir() throws Exception {
        String app = "godir-" + run;
        Path dir = user.checkout("go-godir", app);

        Shell.Result cold = Shell.timed("JavaAndGoAppsIT: go-godir cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Go app detected (buildpack go)",
                "(no go.mod; .godir: example.com/greeter): go build ./... (bin/greeter)");
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Go, built as greeter\n200");

        User.edit(dir.resolve("greeting/greeting.go"), "built as greeter", "built again");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("JavaAndGoAppsIT: go-godir warm push", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(cluster.curl(app).out()).isEqualTo("Hello from Go, built again\n200");
    }

    @Test
    void aGoModAskingForANewerGoRejectsThePushNamingBothVersions() throws Exception {
        String app = "gonew-" + run;
        Path dir = user.checkout("go-hello", app);
        User.edit(dir.resolve("go.mod"), "go 1.19", "go 1.22");
        user.commitAll(dir, "Go 1.22");

        Shell.Result push = Shell.timed("JavaAndGoAppsIT: go 1.22 refused", () -> user.push(dir));
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).containsPattern("go\\.mod asks for Go 1\\.22 \\(go 1\\.22\\), newer than Go 1\\.19\\.\\d+,"
                + " the Go this platform builds with").contains("Buildpack go failed to compile the app");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

}
