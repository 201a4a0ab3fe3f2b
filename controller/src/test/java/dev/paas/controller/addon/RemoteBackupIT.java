package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.paas.builder.build.LocalDocker;
import org.junit.jupiter.api.Test;

/**
 * The remote backup path against real services: an add-on's image run as its node would (its own port, published on
 * a non-loopback address of this machine, not labelled as the platform's, so ServiceExec would not find it), dumped
 * and restored by {@link RemoteClient}'s client containers over the network.
 */
class RemoteBackupIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final AddonType.Credentials CREDENTIALS = new AddonType.Credentials("u7rb", "pw8Remote", "db9");

    @Test
    void postgresMysqlAndRedisRestoreTheDataOfABackupTakenOverTheNetwork() throws Exception {
        String address = hostAddress();
        try (DockerClient docker = LocalDocker.connect()) {
            RemoteClient client = new RemoteClient(docker);
            List<String> started = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                int pgPort = 19990;
                int myPort = 19991;
                int redisPort = 19992;
                started.add(service(docker, AddonType.POSTGRES, address, pgPort));
                started.add(service(docker, AddonType.MYSQL, address, myPort));
                started.add(service(docker, AddonType.REDIS, address, redisPort));

                await(() -> pg(client, address, pgPort, "CREATE TABLE t (v text); INSERT INTO t VALUES ('kept');"));
                byte[] pgDump = dump(client, AddonType.POSTGRES, address, pgPort);
                pg(client, address, pgPort, "INSERT INTO t VALUES ('later'); CREATE TABLE u (x int);");
                client.restore(AddonType.POSTGRES.image(), RemoteClient.restore(AddonType.POSTGRES, CREDENTIALS,
                        address, pgPort, "/tmp/r.dump"), "r.dump", new ByteArrayInputStream(pgDump),
                        pgDump.length, TIMEOUT);
                assertThat(pg(client, address, pgPort, "SELECT string_agg(v, ',') FROM t;")).isEqualTo("kept");

                await(() -> mysql(client, address, myPort, "CREATE TABLE t (v text); INSERT INTO t VALUES ('kept');"));
                byte[] myDump = dump(client, AddonType.MYSQL, address, myPort);
                assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(myDump)).readAllBytes(),
                        StandardCharsets.UTF_8)).contains("INSERT INTO `t` VALUES");
                mysql(client, address, myPort, "INSERT INTO t VALUES ('later'); CREATE TABLE u (x int);");
                client.restore(AddonType.MYSQL.image(), RemoteClient.restore(AddonType.MYSQL, CREDENTIALS, address,
                        myPort, "/tmp/r.dump"), "r.dump", new ByteArrayInputStream(myDump),
                        myDump.length, TIMEOUT);
                assertThat(mysql(client, address, myPort, "SELECT GROUP_CONCAT(v) FROM t; SHOW TABLES LIKE 'u';"))
                        .isEqualTo("kept");

                await(() -> redis(client, address, redisPort, "SET kept v1; SET 'with space' v2;"
                        + " SET ttl v3 EX 3000; SELECT 3; HSET h f 1"));
                byte[] rdb = dump(client, AddonType.REDIS, address, redisPort);
                assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(rdb)).readNBytes(5),
                        StandardCharsets.US_ASCII)).isEqualTo("REDIS");
                redis(client, address, redisPort, "SET later x; SET kept changed; DEL ttl; SELECT 5; SET other y");
                long r0 = System.nanoTime();
                client.restore(AddonType.REDIS.image(), RemoteClient.restore(AddonType.REDIS, CREDENTIALS, address,
                        redisPort, "/tmp/r.dump"), "r.dump", new ByteArrayInputStream(rdb), rdb.length, TIMEOUT);
                System.out.printf("remote Redis restore: %.1f s%n", (System.nanoTime() - r0) / 1e9);
                // The keys written after the backup are gone (in every database), the earlier ones back, TTL kept.
                String[] after = redis(client, address, redisPort, "GET kept; GET 'with space'; EXISTS later;"
                        + " SELECT 3; HGET h f; SELECT 5; DBSIZE; SELECT 0; TTL ttl").split("\n");
                assertThat(List.of(after).subList(0, 7)).containsExactly("v1", "v2", "0", "OK", "1", "OK", "0");
                assertThat(Long.parseLong(after[8])).as("TTL kept").isBetween(2900L, 3000L);
                // The wrong password: refused before anything is touched, saying why.
                assertThatThrownBy(() -> client.restore(AddonType.REDIS.image(), RemoteClient.restore(AddonType.REDIS,
                        new AddonType.Credentials(CREDENTIALS.username(), "wrong", null), address, redisPort,
                        "/tmp/r.dump"), "r.dump", new ByteArrayInputStream(rdb), rdb.length, TIMEOUT))
                        .isInstanceOf(ServiceExec.ExecFailed.class).hasMessageContaining("paas-restore exited with 1")
                        .hasMessageContaining("FLUSHALL answered");
                assertThat(redis(client, address, redisPort, "GET kept")).isEqualTo("v1");

                assertThatThrownBy(() -> dump(client, AddonType.POSTGRES, address, 19993))
                        .isInstanceOf(ServiceExec.ExecFailed.class).hasMessageContaining("pg_dump exited with 1")
                        .hasMessageContaining("19993");
                System.out.printf("remote backups of three services: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                assertThat(docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(RemoteClient.LABEL, "true")).exec()).as("clients left").isEmpty();
            } finally {
                started.forEach(id -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
            }
        }
    }

    private static byte[] dump(RemoteClient client, AddonType type, String host, int port) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.dump(type.image(), RemoteClient.dump(type, CREDENTIALS, host, port), out, TIMEOUT);
        return out.toByteArray();
    }

    /** Runs SQL through a client container; its output goes to the file the client copies out. */
    private static String pg(RemoteClient client, String host, int port, String sql) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.dump(AddonType.POSTGRES.image(), new RemoteClient.Command(List.of("psql", "-v", "ON_ERROR_STOP=1",
                "-At", "-h", host, "-p", Integer.toString(port), "-U", CREDENTIALS.username(), "-d",
                CREDENTIALS.database(), "-c", sql, "-o", "/tmp/paas-dump"), Map.of("PGPASSWORD",
                CREDENTIALS.password())), out, TIMEOUT);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static String mysql(RemoteClient client, String host, int port, String sql) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.dump(AddonType.MYSQL.image(), new RemoteClient.Command(List.of("bash", "-c",
                "mariadb --host=\"$1\" --port=\"$2\" --user=\"$3\" --batch --skip-column-names \"$4\" -e \"$5\""
                        + " > /tmp/paas-dump", "sql", host, Integer.toString(port), CREDENTIALS.username(),
                CREDENTIALS.database(), sql), Map.of("MYSQL_PWD", CREDENTIALS.password())), out, TIMEOUT);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** Runs redis-cli's commands (one line each, {@code ;}-separated) through a client container; its replies. */
    private static String redis(RemoteClient client, String host, int port, String commands) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.dump(AddonType.REDIS.image(), new RemoteClient.Command(List.of("bash", "-c",
                "cli() { redis-cli --no-auth-warning -h \"$1\" -p \"$2\" --user \"$4\"; };"
                        + " [ \"$(echo PING | cli \"$@\")\" = PONG ] || exit 1;"
                        + " printf '%s\\n' \"$3\" | tr ';' '\\n' | cli \"$@\" > /tmp/paas-dump", "redis", host,
                Integer.toString(port), commands, CREDENTIALS.username()), Map.of("REDISCLI_AUTH",
                CREDENTIALS.password())), out, TIMEOUT);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static String service(DockerClient docker, AddonType type, String address, int port) {
        List<String> env = new ArrayList<>();
        type.env(CREDENTIALS, port).forEach((k, v) -> env.add(k + "=" + v));
        Ports ports = new Ports();
        ports.bind(ExposedPort.tcp(port), Ports.Binding.bindIpAndPort(address, port));
        String id = docker.createContainerCmd(type.image()).withEnv(env).withExposedPorts(ExposedPort.tcp(port))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports)).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    interface Step<T> {
        T run() throws Exception;
    }

    /** Retries while the service starts (up to 60 s). */
    private static <T> T await(Step<T> step) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return step.run();
            } catch (ServiceExec.ExecFailed e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** An IPv4 address of this machine that is not loopback, as a node's registered address would be. */
    private static String hostAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback() && !nic.getName().startsWith("docker")
                    && !nic.getName().startsWith("br-") && !nic.getName().startsWith("veth")) {
                for (InetAddress a : nic.inetAddresses().toList()) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        }
        throw new IllegalStateException("no non-loopback IPv4 address");
    }
}
