package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Local or remote backups (BackupRules.route), and the remote client's commands (RemoteClient). */
class BackupRouteTest {

    private static final AddonType.Credentials CREDENTIALS = new AddonType.Credentials("u7", "s3cretPw", "db9");

    @Test
    void aServiceRunningOnTheControllersEngineIsDumpedThereWhereverItsNodeIs() {
        BackupRules.Route route = BackupRules.route("pg-1", Optional.of("abc123"), true, 19000, "10.0.0.2");
        assertThat(route.local()).isTrue();
        assertThat(route.container()).isEqualTo("abc123");
    }

    @Test
    void aPublishedServiceElsewhereIsReachedAtItsNodesAddressAndItsOwnPort() {
        BackupRules.Route route = BackupRules.route("pg-1", Optional.empty(), true, 19004, "10.0.0.2");
        assertThat(route.local()).isFalse();
        assertThat(route.host()).isEqualTo("10.0.0.2");
        assertThat(route.port()).isEqualTo(19004);
    }

    @Test
    void anUnpublishedOrLoopbackOrUnknownServiceNotRunningHereFailsAsBefore() {
        for (String address : new String[] {"127.0.0.1", "localhost", "::1", null, " "}) {
            assertThatThrownBy(() -> BackupRules.route("pg-1", Optional.empty(), true, 19000, address))
                    .isInstanceOf(ServiceExec.ExecFailed.class)
                    .hasMessage("the service container of pg-1 is not running on the controller's Docker host");
        }
        assertThatThrownBy(() -> BackupRules.route("pg-1", Optional.empty(), false, 5432, "10.0.0.2"))
                .hasMessageContaining("is not running on the controller's Docker host");
    }

    @Test
    void remoteCommandsConnectToTheNodeAndKeepThePasswordOutOfArgv() {
        for (AddonType type : AddonType.ALL) {
            RemoteClient.Command dump = RemoteClient.dump(type, CREDENTIALS, "10.0.0.2", 19004);
            assertThat(dump.argv()).contains("10.0.0.2", "19004", "u7").doesNotContain("s3cretPw");
            assertThat(String.join(" ", dump.argv())).doesNotContain("s3cretPw");
            assertThat(dump.env()).containsValue("s3cretPw").hasSize(1);
        }
        RemoteClient.Command pg = RemoteClient.dump(AddonType.POSTGRES, CREDENTIALS, "10.0.0.2", 19004);
        assertThat(pg.argv()).containsExactly("pg_dump", "--format=custom", "--no-owner", "-h", "10.0.0.2", "-p",
                "19004", "-U", "u7", "-d", "db9", "-f", "/tmp/paas-dump");
        assertThat(pg.env()).containsEntry("PGPASSWORD", "s3cretPw");
        RemoteClient.Command restore = RemoteClient.restore(AddonType.POSTGRES, CREDENTIALS, "10.0.0.2", 19004,
                "/tmp/x.dump");
        assertThat(restore.argv()).startsWith("pg_restore", "--clean", "--if-exists", "--no-owner",
                "--single-transaction").endsWith("-d", "db9", "/tmp/x.dump");
        RemoteClient.Command mysql = RemoteClient.restore(AddonType.MYSQL, CREDENTIALS, "10.0.0.2", 19004,
                "/tmp/x.dump");
        assertThat(mysql.argv().subList(3, mysql.argv().size()))
                .containsExactly("paas-restore", "10.0.0.2", "19004", "u7", "db9", "/tmp/x.dump");
        assertThat(mysql.env()).containsEntry("MYSQL_PWD", "s3cretPw");
    }

    @Test
    void aRemoteRedisRestoreKeepsThePasswordOutOfArgvAndListensOnlyOnAUnixSocket() {
        for (AddonType type : AddonType.ALL) {
            RemoteClient.Command restore = RemoteClient.restore(type, CREDENTIALS, "10.0.0.2", 19004, "/tmp/x");
            assertThat(String.join(" ", restore.argv())).contains("10.0.0.2", "19004").doesNotContain("s3cretPw");
            assertThat(restore.env()).containsValue("s3cretPw").hasSize(1);
        }
        RemoteClient.Command redis = RemoteClient.restore(AddonType.REDIS, CREDENTIALS, "10.0.0.2", 19004, "/tmp/x");
        assertThat(redis.argv().subList(3, 8)).containsExactly("paas-restore", "10.0.0.2", "19004", "u7", "/tmp/x");
        assertThat(redis.env()).containsEntry("REDISCLI_AUTH", "s3cretPw");
        // The throwaway server: no TCP port, a socket only its user may open; the password on stdin (-x).
        assertThat(redis.argv().get(2)).contains("redis-server --port 0 --unixsocket", "--unixsocketperm 700",
                "printf %s \"$REDISCLI_AUTH\" | src -x EVAL");
        assertThat(redis.argv().get(8)).contains("'MIGRATE'", "'COPY', 'REPLACE', 'AUTH2'");
    }

    /** The fixed scripts given to bash parse (bash -n), so a quoting slip fails here rather than on a node. */
    @Test
    void theClientScriptsAreValidBash() throws Exception {
        List<RemoteClient.Command> scripts = List.of(
                RemoteClient.dump(AddonType.MYSQL, CREDENTIALS, "h", 1),
                RemoteClient.dump(AddonType.REDIS, CREDENTIALS, "h", 1),
                RemoteClient.restore(AddonType.MYSQL, CREDENTIALS, "h", 1, "/tmp/f"),
                RemoteClient.restore(AddonType.REDIS, CREDENTIALS, "h", 1, "/tmp/f"));
        for (RemoteClient.Command command : scripts) {
            assertThat(command.argv().subList(0, 2)).containsExactly("bash", "-c");
            Process bash = new ProcessBuilder("bash", "-n", "-c", command.argv().get(2)).redirectErrorStream(true)
                    .start();
            assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
        }
    }
}
