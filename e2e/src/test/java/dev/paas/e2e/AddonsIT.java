package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Add-ons on a real platform (docs/architecture.md, "Add-ons"). PostgreSQL: examples/node-postgres counts visits in
 * it, and the count survives a redeploy, a crash of the add-on's container and a restart of the node-agent; an app
 * that is not attached cannot reach it even with its URL and credentials; bad input is refused; destroying it
 * removes its volume. MySQL and Redis: examples/php-mysql and examples/python-redis count visits in theirs, through
 * a backup and restore and a rotation of the credentials (the old password is refused afterwards).
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ_WRITE) // restarts a part of the shared cluster: no other class on it meanwhile
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AddonsIT {

    private static final Pattern CREATED = Pattern.compile("(postgres-[a-z]+-[0-9]+) as DATABASE_URL \\(v2\\)");

    Cluster cluster;
    User user;
    String app;
    Path dir;
    String addon;
    String mysql;
    String mysqlBackup;

    @BeforeAll
    void deploy() {
        cluster = SharedCluster.cluster();
        user = uncheckedLogin();
        app = "pg-" + UUID.randomUUID().toString().substring(0, 6);
        dir = user.checkout("node-postgres", app);
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();
    }

    @Test
    @Order(1)
    void createAttachesItAndTheAppCountsInIt() {
        Shell.Result created = paas("addons:create", "postgres", "-a", app);
        assertThat(created.exit()).as(created.all()).isZero();
        Matcher m = CREATED.matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        addon = m.group(1);
        assertThat(get("/")).isEqualTo("visits: 1\n200");
        assertThat(get("/")).isEqualTo("visits: 2\n200");
        assertThat(ok("addons", "-a", app).out()).containsPattern(addon + " +postgres +hobby +up +DATABASE_URL");
        assertThat(ok("addons:info", addon).out()).contains("State:    up").contains(app + " as DATABASE_URL");
        assertThat(ok("config:get", "DATABASE_URL", "-a", app).out()).startsWith("postgres://").containsPattern("@" + addon + ":[0-9]+/");
    }

    @Test
    @Order(2)
    void theHostIsNoMoreReachableThroughTheAddonsNetworkThanThroughTheAppsNetwork() throws Exception {
        String gateway = cluster.ok("docker", "network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}",
                "paas-addon-" + addon).out().strip();
        String container = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.app=" + app).out().strip()
                .split("\\s+")[0];
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            try (Socket fromHost = new Socket(gateway, listener.getLocalPort())) {
                assertThat(fromHost.isConnected()).as("something listens on " + gateway).isTrue();
            }
            String probe = "const s = require('net').connect(+process.argv[2], process.argv[1]); s.setTimeout(3000);"
                    + " s.on('connect', () => { console.log('CONNECTED'); process.exit(0); });"
                    + " s.on('timeout', () => { console.log('TIMEOUT'); process.exit(0); });"
                    + " s.on('error', (e) => { console.log(e.code); process.exit(0); });";
            String seen = cluster.ok("docker", "exec", container, "node", "-e", probe, gateway,
                    Integer.toString(listener.getLocalPort())).out().strip();
            assertThat(seen).isEqualTo("ECONNREFUSED");
        }
    }

    @Test
    @Order(3)
    void theCountSurvivesARedeployAndACrashOfTheService() throws Exception {
        user.commitAll(dir, "redeploy");
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();
        // A new container's first connection can take a while on a busy host: a request that failed inserted nothing.
        Wait.until(Duration.ofSeconds(60), () -> get("/count").equals("visits: 2\n200"));
        assertThat(get("/")).isEqualTo("visits: 3\n200");

        String container = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.name=addon." + addon).out().strip();
        assertThat(container).isNotEmpty();
        cluster.ok("docker", "kill", container);
        // The agent restarts it with back-off, on the same volume; the app's pool reconnects.
        Wait.until(Duration.ofSeconds(90), () -> get("/count").equals("visits: 3\n200"));
        assertThat(get("/")).isEqualTo("visits: 4\n200");
        assertThat(ok("logs", "-n", "200", "--source", "addon", "-a", app).out())
                .containsPattern("addon\\[" + addon + "\\]: " + addon + "( crashed)?: state changed from");

        // A restarted node-agent finds the service running and leaves it (and its volume) alone.
        String service = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.name=addon." + addon).out().strip();
        cluster.kill(cluster.node);
        cluster.startAgent(cluster.node);
        Wait.until(Duration.ofSeconds(90), () -> ok("addons:info", addon).out().contains("State:    up")
                && get("/count").equals("visits: 4\n200"));
        assertThat(cluster.ok("docker", "ps", "-q", "--filter", "label=paas.name=addon." + addon).out().strip())
                .isEqualTo(service);
    }

    @Test
    @Order(4)
    void anAppThatIsNotAttachedCannotReachItEvenWithItsCredentials() {
        String other = "pg-other-" + UUID.randomUUID().toString().substring(0, 4);
        Path otherDir = user.checkout("node-postgres", other);
        String url = ok("config:get", "DATABASE_URL", "-a", app).out().strip();
        ok("config:set", "DATABASE_URL=" + url, "-a", other);
        Shell.Result push = user.push(otherDir);
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(cluster.curl(other, "/count").out()).startsWith("database unavailable: ").endsWith("503");

        // Not only its name: its address on the add-on's network is out of reach too.
        String container = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.name=addon." + addon).out().strip();
        String ip = cluster.ok("docker", "inspect", "-f", "{{(index .NetworkSettings.Networks \"paas-addon-" + addon
                + "\").IPAddress}}", container).out().strip();
        assertThat(ip).matches("[0-9.]+");
        ok("config:set", "DATABASE_URL=" + url.replace("@" + addon + ":", "@" + ip + ":"), "-a", other);
        // Dropped, so the app's 4 s connect timeout may outlast curl's 5 s on a busy host: no count either way.
        assertThat(cluster.curl(other, "/count").out()).doesNotContain("visits").doesNotEndWith("200");

        // Attached under another name it can; detached, it cannot again.
        Shell.Result attached = paas("addons:attach", addon, "-a", other, "--as", "ANALYTICS");
        assertThat(attached.exit()).as(attached.all()).isZero();
        assertThat(ok("config:get", "ANALYTICS_URL", "-a", other).out().strip()).isEqualTo(url);
        ok("config:set", "DATABASE_URL=" + url, "-a", other);
        assertThat(cluster.curl(other, "/count").out()).isEqualTo("visits: 4\n200");
        ok("addons:detach", addon, "-a", other);
        assertThat(ok("config", "-a", other).out()).doesNotContain("ANALYTICS_URL");
        assertThat(cluster.curl(other, "/count").out()).startsWith("database unavailable: ").endsWith("503");
        ok("destroy", "-a", other, "--confirm", other);
    }

    @Test
    @Order(5)
    void badInputIsRefusedWithAReason() {
        assertRefused(paas("addons:create", "mongodb", "-a", app), "Unknown add-on type 'mongodb'");
        assertRefused(paas("addons:create", "postgres", "-a", app, "--plan", "huge"), "Unknown plan 'huge'");
        assertRefused(paas("addons:create", "postgres", "-a", app), "already has DATABASE_URL");
        assertRefused(paas("addons:attach", addon, "-a", app, "--as", "OTHER"), "already attached to " + app);
        assertRefused(paas("addons:attach", addon, "-a", app, "--as", "lower"), "Alias 'lower' is invalid");
        assertRefused(paas("addons:info", "postgres-none-00"), "not found");
        assertRefused(paas("addons:destroy", addon), "--confirm " + addon);
        assertRefused(paas("addons:destroy", addon, "--confirm", addon), "detach it first, or destroy it with --force");
        assertThat(get("/count")).isEqualTo("visits: 4\n200");
    }

    @Test
    @Order(6)
    void aBackupRestoresTheRowsItHadAndDropsLaterOnes() throws Exception {
        Shell.Result captured = ok("addons:backups:capture", addon);
        Matcher id = Pattern.compile("backup ([0-9]+), [0-9.]+ KB").matcher(captured.out());
        assertThat(id.find()).as(captured.out()).isTrue();
        String backup = id.group(1);
        assertThat(get("/")).isEqualTo("visits: 5\n200");
        assertThat(get("/")).isEqualTo("visits: 6\n200");
        assertThat(ok("addons:backups", addon).out()).containsPattern(backup + " +succeeded +[0-9.]+ KB .* admin");

        Shell.Result restored = ok("addons:backups:restore", addon, backup);
        assertThat(restored.out()).containsPattern("restored in [0-9.]+s");
        assertThat(get("/count")).isEqualTo("visits: 4\n200");

        // The download is the stored dump itself (PostgreSQL's custom format starts with PGDMP).
        Path dump = dir.resolve("dump");
        assertThat(user.paasToFile(dir, dump, "addons:backups:download", addon, backup)).isZero();
        assertThat(new String(Files.readAllBytes(dump), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("PGDMP");

        // A backup that cannot be taken (its database refuses connections) is kept as failed, with its reason.
        String url = ok("config:get", "DATABASE_URL", "-a", app).out().strip();
        String dbUser = url.replaceFirst("^postgres://([^:]+):.*$", "$1");
        String db = url.replaceFirst("^.*/([^/]+)$", "$1");
        String container = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.name=addon." + addon).out().strip();
        cluster.ok("docker", "exec", container, "psql", "-U", dbUser, "-d", "postgres", "-c",
                "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
        try {
            Shell.Result failed = paas("addons:backups:capture", addon);
            assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
            assertThat(failed.err()).contains("failed: pg_dump exited with 1");
        } finally {
            cluster.ok("docker", "exec", container, "psql", "-U", dbUser, "-d", "postgres", "-c",
                    "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
        }
        assertThat(ok("addons:backups", addon).out()).contains("failed");

        assertThat(ok("addons:backups:schedule", addon, "--at", "02:00", "--keep", "7").out())
                .contains("every day at 02:00 UTC, keeping 7");
        assertRefused(paas("addons:backups:schedule", addon, "--at", "25:00"), "Time '25:00' is invalid");
        assertRefused(paas("addons:backups:restore", addon, "999999"), "not found");
    }

    @Test
    @Order(7)
    void destroyingItDetachesItAndRemovesItsVolume() {
        ok("addons:destroy", addon, "--confirm", addon, "--force");
        assertThat(ok("config", "-a", app).out()).doesNotContain("DATABASE_URL");
        assertThat(ok("addons", "-a", app).out()).contains("has no add-ons");
        Wait.until(Duration.ofSeconds(60), () ->
                cluster.run("docker", "volume", "inspect", "paas-addon-" + addon).exit() != 0);
        assertThat(cluster.ok("docker", "ps", "-aq", "--filter", "label=paas.name=addon." + addon).out()).isBlank();
    }

    @Test
    @Order(8)
    void aPhpAppCountsVisitsInMysqlThroughABackupRestoreAndARotation() throws Exception {
        String php = "my-" + UUID.randomUUID().toString().substring(0, 6);
        Path phpDir = user.checkout("php-mysql", php);
        Shell.Result push = user.push(phpDir);
        assertThat(push.exit()).as(push.all()).isZero();
        Shell.Result created = paas("addons:create", "mysql", "-a", php);
        assertThat(created.exit()).as(created.all()).isZero();
        Matcher m = Pattern.compile("(mysql-[a-z]+-[0-9]+) as MYSQL_URL \\(v2\\)").matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        mysql = m.group(1);
        assertThat(cluster.curl(php, "/").out()).isEqualTo("visits: 1\n200");
        assertThat(cluster.curl(php, "/").out()).isEqualTo("visits: 2\n200");
        assertThat(ok("addons", "-a", php).out()).containsPattern(mysql + " +mysql +hobby +up +MYSQL_URL");

        mysqlBackup = backupOf(mysql);
        assertThat(cluster.curl(php, "/").out()).isEqualTo("visits: 3\n200");
        assertThat(ok("addons:backups:restore", mysql, mysqlBackup).out()).containsPattern("restored in [0-9.]+s");
        assertThat(cluster.curl(php, "/count.php").out()).isEqualTo("visits: 2\n200");
        // The download is the stored dump: mysqldump's SQL, gzip-compressed.
        Path dump = phpDir.resolve("dump");
        assertThat(user.paasToFile(phpDir, dump, "addons:backups:download", mysql, mysqlBackup)).isZero();
        byte[] bytes = Files.readAllBytes(dump);
        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xff).isEqualTo(0x8b);

        String before = ok("config:get", "MYSQL_URL", "-a", php).out().strip();
        Shell.Result rotated = ok("addons:credentials:rotate", mysql);
        assertThat(rotated.out()).containsPattern(php + ": MYSQL_URL in v3");
        String after = ok("config:get", "MYSQL_URL", "-a", php).out().strip();
        assertThat(after).isNotEqualTo(before);
        assertThat(cluster.curl(php, "/").out()).isEqualTo("visits: 3\n200");
        String container = serviceContainer(mysql);
        String dbUser = before.replaceFirst("^mysql://([^:]+):.*$", "$1");
        Shell.Result old = cluster.run("docker", "exec", container, "mariadb", "-h", "127.0.0.1", "-u", dbUser,
                "-p" + password(before), "-e", "SELECT 1");
        assertThat(old.exit()).as(old.all()).isNotZero();
        assertThat(old.all()).contains("Access denied");
        assertThat(cluster.ok("docker", "exec", container, "mariadb", "-h", "127.0.0.1", "-u", dbUser,
                "-p" + password(after), "-N", "-e", "SELECT 1").out().strip()).isEqualTo("1");
        ok("destroy", "-a", php, "--confirm", php);
    }

    @Test
    @Order(9)
    void anAppCountsVisitsInRedisThroughABackupRestoreAndARotation() throws Exception {
        String py = "rd-" + UUID.randomUUID().toString().substring(0, 6);
        Path pyDir = user.checkout("python-redis", py);
        Shell.Result push = user.push(pyDir);
        assertThat(push.exit()).as(push.all()).isZero();
        Shell.Result created = paas("addons:create", "redis", "-a", py);
        assertThat(created.exit()).as(created.all()).isZero();
        Matcher m = Pattern.compile("(redis-[a-z]+-[0-9]+) as REDIS_URL \\(v2\\)").matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        String redis = m.group(1);
        assertThat(cluster.curl(py, "/").out()).isEqualTo("visits: 1\n200");
        assertThat(cluster.curl(py, "/").out()).isEqualTo("visits: 2\n200");

        String backup = backupOf(redis);
        assertThat(cluster.curl(py, "/").out()).isEqualTo("visits: 3\n200");
        // A backup of another service type is refused whole; then its own restores the count it had.
        assertRefused(paas("addons:backups:restore", redis, mysqlBackup), "is a mysql dump");
        assertThat(cluster.curl(py, "/count").out()).isEqualTo("visits: 3\n200");
        assertThat(ok("addons:backups:restore", redis, backup).out()).containsPattern("restored in [0-9.]+s");
        assertThat(cluster.curl(py, "/count").out()).isEqualTo("visits: 2\n200");

        String before = ok("config:get", "REDIS_URL", "-a", py).out().strip();
        assertThat(ok("addons:credentials:rotate", redis).out()).containsPattern(py + ": REDIS_URL in v3");
        assertThat(cluster.curl(py, "/").out()).isEqualTo("visits: 3\n200");
        String after = ok("config:get", "REDIS_URL", "-a", py).out().strip();
        String container = serviceContainer(redis);
        String redisUser = before.replaceFirst("^redis://([^:]+):.*$", "$1");
        // The service listens on the add-on's own port, the URL's.
        String redisPort = after.replaceFirst("^.*:([0-9]+)$", "$1");
        assertThat(cluster.run("docker", "exec", container, "redis-cli", "-p", redisPort, "--no-auth-warning",
                "--user", redisUser, "--pass", password(before), "PING").all()).contains("WRONGPASS");
        assertThat(cluster.ok("docker", "exec", container, "redis-cli", "-p", redisPort, "--no-auth-warning",
                "--user", redisUser, "--pass", password(after), "PING").out().strip()).isEqualTo("PONG");

        ok("addons:destroy", redis, "--confirm", redis, "--force");
        ok("addons:destroy", mysql, "--confirm", mysql);
        ok("destroy", "-a", py, "--confirm", py);
    }

    /** Captures a backup of {@code name} and answers its id. */
    private String backupOf(String name) {
        Shell.Result captured = ok("addons:backups:capture", name);
        Matcher id = Pattern.compile("backup ([0-9]+), [0-9.]+ KB").matcher(captured.out());
        assertThat(id.find()).as(captured.out()).isTrue();
        return id.group(1);
    }

    /** The running service container of add-on {@code name}, whatever generation of credentials it has. */
    private String serviceContainer(String name) {
        String found = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.process=addon", "--filter",
                "label=paas.app=" + name).out().strip();
        assertThat(found).as("the service container of " + name).matches("[0-9a-f]+");
        return found;
    }

    private static String password(String url) {
        return url.replaceFirst("^[a-z]+://[^:]+:([^@]+)@.*$", "$1");
    }

    private void assertRefused(Shell.Result result, String reason) {
        assertThat(result.exit()).as(result.all()).isNotZero();
        assertThat(result.err()).contains(reason);
    }

    private String get(String path) {
        return cluster.curl(app, path).out();
    }

    private Shell.Result paas(String... args) {
        return user.paas(dir, null, args);
    }

    private Shell.Result ok(String... args) {
        Shell.Result result = paas(args);
        assertThat(result.exit()).as("paas " + String.join(" ", args) + ": " + result.all()).isZero();
        return result;
    }

    private User uncheckedLogin() {
        try {
            return User.loggedIn(cluster);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
