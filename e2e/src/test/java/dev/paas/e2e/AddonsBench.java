package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The add-ons' figures (docs/performance.md, "Add-ons"), on the e2e tests' shared cluster: not part of the
 * suite (the name does not end in IT); run it with {@code -Dit.test=AddonsBench}. For each type (PostgreSQL with
 * examples/node-postgres, MySQL with examples/php-mysql, Redis with examples/python-redis) it times
 * {@code addons:create} until the app counts a visit through the router, fills the service with about SIZE_MB
 * (system property {@code addons.bench.mb}, default 100) of data, then times {@code addons:backups:capture} and
 * {@code addons:backups:restore}. The same steps as bench/addons, which needs a deploy/up platform; the lines go to
 * stdout and to e2e/target/addons-bench.txt with the load average. First it types the commands once and
 * keeps them with their output in e2e/target/addons-transcript.txt.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class AddonsBench {

    private static final Pattern BACKUP = Pattern.compile("backup ([0-9]+), ([0-9.]+ [KMG]?B)");

    Cluster cluster;
    User user;
    final int sizeMb = Integer.getInteger("addons.bench.mb", 100);

    @BeforeAll
    void start() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
    }

    /** The commands as a user types them, with their output, to e2e/target/addons-transcript.txt. */
    @Test
    @Order(1)
    void transcript() throws Exception {
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 4);
        String admin = "admin-tool-" + UUID.randomUUID().toString().substring(0, 4);
        Path dir = user.checkout("node-postgres", shop);
        assertThat(user.push(dir).exit()).isZero();
        Path adminDir = user.checkout("node-postgres", admin);
        assertThat(user.push(adminDir).exit()).isZero();
        String created = typed(dir, "addons:create", "postgres", "-a", shop);
        Matcher m = Pattern.compile("(postgres-[a-z]+-[0-9]+)").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String addon = m.group(1);
        typed(dir, "addons", "-a", shop);
        typed(dir, "addons:info", addon);
        typed(dir, "addons:attach", addon, "-a", admin, "--as", "ANALYTICS");
        typed(dir, "addons:detach", addon, "-a", admin);
        cluster.curl(shop, "/");
        String captured = typed(dir, "addons:backups:capture", addon);
        Matcher id = BACKUP.matcher(captured);
        assertThat(id.find()).as(captured).isTrue();
        cluster.curl(shop, "/");
        typed(dir, "addons:backups", addon);
        typed(dir, "addons:backups:restore", addon, id.group(1));
        Path dump = dir.resolve("dump");
        assertThat(user.paasToFile(dir, dump, "addons:backups:download", addon, id.group(1))).isZero();
        transcriptLine("$ paas addons:backups:download " + addon + " " + id.group(1) + " > dump && ls -l dump\n"
                + Files.size(dump) + " bytes\n");
        typed(dir, "addons:backups:schedule", addon, "--at", "02:00", "--keep", "7");
        typed(dir, "addons:credentials:rotate", addon);
        typed(dir, "addons:create", "mysql", "-a", shop);
        typed(dir, "addons:create", "redis", "-a", shop);
        typed(dir, "addons", "-a", shop);
        typed(dir, "addons:create", "mongodb", "-a", shop);
        typed(dir, "addons:create", "postgres", "-a", shop);
        typed(dir, "addons:destroy", addon, "--confirm", addon);
        typed(dir, "addons:destroy", addon, "--confirm", addon, "--force");
        typed(dir, "destroy", "-a", shop, "--confirm", shop);
        typed(dir, "destroy", "-a", admin, "--confirm", admin);
    }

    private String typed(Path dir, String... args) throws IOException {
        Shell.Result result = user.paas(dir, null, args);
        transcriptLine("$ paas " + String.join(" ", args) + "\n" + result.out() + result.err()
                + (result.exit() == 0 ? "" : "(exit " + result.exit() + ")\n"));
        return result.out();
    }

    private static void transcriptLine(String text) throws IOException {
        Files.writeString(Path.of("target", "addons-transcript.txt"), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    @Order(2)
    void figures() throws Exception {
        record("add-on figures, " + Instant.now() + ", " + sizeMb + " MB per database");
        bench("postgres", "node-postgres", "hobby", "/count", (container, url) -> cluster.ok("docker", "exec",
                container, "psql", "-q", "-v", "ON_ERROR_STOP=1", "-U", userOf(url), "-d", dbOf(url), "-c",
                "CREATE TABLE filler AS SELECT g, md5(g::text) || repeat('x', 200) AS pad FROM generate_series(1, "
                        + sizeMb * 4000 + ") g"));
        bench("mysql", "php-mysql", "hobby", "/count.php", (container, url) -> cluster.ok("docker", "exec",
                container, "mariadb", "--socket=/run/mysqld/mysqld.sock", dbOf(url), "-e",
                "CREATE TABLE filler (g INT PRIMARY KEY, pad TEXT); INSERT INTO filler SELECT seq,"
                        + " CONCAT(MD5(seq), REPEAT('x', 200)) FROM seq_1_to_" + sizeMb * 4000 + ";"));
        // Redis holds its data in memory: the standard plan (1024 MB) for 100 MB of keys and the snapshot's fork.
        bench("redis", "python-redis", "standard", "/count", (container, url) -> cluster.ok("docker", "exec",
                "-e", "REDISCLI_AUTH=" + passwordOf(url), container, "redis-cli", "-p",
                url.replaceFirst("^.*:([0-9]+)$", "$1"), "--no-auth-warning", "--user", userOf(url), "DEBUG", "POPULATE", Integer.toString(sizeMb * 4000), "filler", "250"));
        record("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private interface Filler {
        void fill(String container, String url) throws Exception;
    }

    private void bench(String type, String example, String plan, String countPath, Filler filler) throws Exception {
        String app = "bench-" + type.substring(0, 2) + "-" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = user.checkout(example, app);
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();

        long started = System.nanoTime();
        Shell.Result created = user.paas(dir, null, "addons:create", type, "-a", app, "--plan", plan);
        assertThat(created.exit()).as(created.all()).isZero();
        Wait.until(Duration.ofSeconds(180), () -> cluster.curl(app, "/").out().equals("visits: 1\n200"));
        double createS = seconds(started);
        Matcher name = Pattern.compile("(" + type + "-[a-z]+-[0-9]+)").matcher(created.out());
        assertThat(name.find()).as(created.out()).isTrue();
        String addon = name.group(1);
        String var = type.equals("postgres") ? "DATABASE_URL" : type.toUpperCase(Locale.ROOT) + "_URL";
        String url = ok(dir, "config:get", var, "-a", app).out().strip();

        String container = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.process=addon", "--filter",
                "label=paas.app=" + addon).out().strip();
        long filling = System.nanoTime();
        filler.fill(container, url);
        double fillS = seconds(filling);

        long capturing = System.nanoTime();
        Shell.Result captured = ok(dir, "addons:backups:capture", addon);
        double captureS = seconds(capturing);
        Matcher backup = BACKUP.matcher(captured.out());
        assertThat(backup.find()).as(captured.out()).isTrue();
        assertThat(cluster.curl(app, "/").out()).isEqualTo("visits: 2\n200");

        long restoring = System.nanoTime();
        ok(dir, "addons:backups:restore", addon, backup.group(1));
        double restoreS = seconds(restoring);
        assertThat(cluster.curl(app, countPath).out()).isEqualTo("visits: 1\n200");

        record(String.format(Locale.ROOT, "%-8s create to serving %5.1f s | fill %d MB %5.1f s | backup %5.1f s"
                        + " (dump %s) | restore %5.1f s | load %s", type, createS, sizeMb, fillS, captureS,
                backup.group(2), restoreS, Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0]));
        ok(dir, "addons:destroy", addon, "--confirm", addon, "--force");
        ok(dir, "destroy", "-a", app, "--confirm", app);
    }

    private Shell.Result ok(Path dir, String... args) {
        Shell.Result result = user.paas(dir, null, args);
        assertThat(result.exit()).as("paas " + String.join(" ", args) + ": " + result.all()).isZero();
        return result;
    }

    private void record(String line) throws IOException {
        System.out.println(line);
        Files.writeString(Path.of("target", "addons-bench.txt"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String userOf(String url) {
        return url.replaceFirst("^[a-z]+://([^:]+):.*$", "$1");
    }

    private static String passwordOf(String url) {
        return url.replaceFirst("^[a-z]+://[^:]+:([^@]+)@.*$", "$1");
    }

    private static String dbOf(String url) {
        return url.replaceFirst("^.*/([^/]+)$", "$1");
    }
}
