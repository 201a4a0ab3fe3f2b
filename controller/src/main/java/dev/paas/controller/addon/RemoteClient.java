package dev.paas.controller.addon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Dumps and restores an add-on whose service container is not on the controller's Docker engine (another node): a
 * short-lived client container of the add-on's own image (it has pg_dump/pg_restore, mariadb-dump/mariadb,
 * redis-cli) runs on the controller's engine in the host's network and connects to the add-on at its node's
 * address and its own port, with the add-on's credentials. The password goes through the client's environment
 * ({@code PGPASSWORD}, {@code MYSQL_PWD}, {@code REDISCLI_AUTH}), never its argv. The dump is written to a file in the
 * client container and copied out when the client exited 0 (a dump that failed half-way is never stored); a dump to
 * restore is copied in before the client starts. The client is removed in every case. A Redis restore loads the RDB
 * into a throwaway server inside the client and copies its keys into the add-on ({@link #REDIS_RESTORE}).
 * <p>
 * The files are the same as the local path's ({@link AddonType#dumpCommand}): PostgreSQL's custom format, MariaDB's
 * SQL and Redis's RDB gzip-compressed, so a backup restores wherever the add-on runs then.
 */
class RemoteClient {

    static final String LABEL = "paas.backup-client";
    /** Where the client writes the dump it takes, or finds the one it restores. */
    static final String DIR = "/tmp";
    static final String DUMP_FILE = "paas-dump";
    private static final int LOG_MAX = 4096;

    /** What to run in the client: its argv and environment. */
    record Command(List<String> argv, Map<String, String> env) {
    }

    private final DockerClient docker;

    RemoteClient(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * The client's command that writes a (compressed, as {@code paas-backup} does) dump of the add-on at
     * {@code host:port} to {@code DIR/DUMP_FILE}. A fixed bash script for the pipes into gzip; every value is a
     * positional argument or in the environment, never spliced into the script.
     */
    static Command dump(AddonType type, AddonType.Credentials credentials, String host, int port) {
        String file = DIR + "/" + DUMP_FILE;
        if (type.equals(AddonType.POSTGRES)) {
            return new Command(List.of("pg_dump", "--format=custom", "--no-owner", "-h", host, "-p",
                    Integer.toString(port), "-U", credentials.username(), "-d", credentials.database(), "-f", file),
                    Map.of("PGPASSWORD", credentials.password()));
        }
        if (type.equals(AddonType.MYSQL)) {
            return new Command(List.of("bash", "-c", "set -euo pipefail; mariadb-dump --host=\"$1\" --port=\"$2\""
                    + " --user=\"$3\" --single-transaction --routines --triggers --events --hex-blob"
                    + " --default-character-set=utf8mb4 \"$4\" | gzip -6 > \"$5\"", "paas-backup", host,
                    Integer.toString(port), credentials.username(), credentials.database(), file),
                    Map.of("MYSQL_PWD", credentials.password()));
        }
        return new Command(List.of("bash", "-c", "set -euo pipefail; redis-cli --no-auth-warning -h \"$1\" -p \"$2\""
                + " --user \"$3\" --rdb \"$4.rdb\" >&2; gzip -6 -c \"$4.rdb\" > \"$4\"", "paas-backup", host,
                Integer.toString(port), credentials.username(), file),
                Map.of("REDISCLI_AUTH", credentials.password()));
    }

    /** The client's command that replaces the data of the add-on at {@code host:port} with the dump at {@code file}. */
    static Command restore(AddonType type, AddonType.Credentials credentials, String host, int port, String file) {
        if (type.equals(AddonType.POSTGRES)) {
            return new Command(List.of("pg_restore", "--clean", "--if-exists", "--no-owner",
                    "--single-transaction", "-h", host, "-p", Integer.toString(port), "-U", credentials.username(),
                    "-d", credentials.database(), file), Map.of("PGPASSWORD", credentials.password()));
        }
        if (type.equals(AddonType.MYSQL)) {
            // As paas-restore: the dump is checked, then the database is made again (later tables go) and loaded.
            return new Command(List.of("bash", "-c", "set -euo pipefail;"
                    + " h=\"$1\" p=\"$2\" u=\"$3\" db=\"$4\" f=\"$5\"; gzip -t \"$f\";"
                    + " sql() { mariadb --host=\"$h\" --port=\"$p\" --user=\"$u\" --batch \"$@\"; };"
                    + " sql -e \"DROP DATABASE IF EXISTS \\`$db\\`; CREATE DATABASE \\`$db\\`;\";"
                    + " gzip -dc \"$f\" | sql \"$db\"", "paas-restore", host, Integer.toString(port),
                    credentials.username(), credentials.database(), file),
                    Map.of("MYSQL_PWD", credentials.password()));
        }
        return new Command(List.of("bash", "-c", REDIS_RESTORE, "paas-restore", host, Integer.toString(port),
                credentials.username(), file, REDIS_MIGRATE), Map.of("REDISCLI_AUTH", credentials.password()));
    }

    /**
     * Redis loads an RDB only from its own disk, so the client loads the backup into a throwaway {@code redis-server}
     * of its own (a unix socket in the client, no TCP port: nothing listens beyond the client), then empties the
     * add-on and copies every key into it with {@code MIGRATE ... COPY REPLACE}, which keeps each key's TTL, and
     * compares the key counts of every database. The add-on's password reaches the throwaway server on stdin
     * ({@code redis-cli -x}: the last argument), never in argv; the throwaway server needs none.
     */
    private static final String REDIS_RESTORE = """
            set -euo pipefail
            h="$1" p="$2" u="$3" f="$4" migrate="$5"
            work="$(mktemp -d /tmp/paas-restore.XXXXXX)"
            gzip -dc "$f" > "$work/dump.rdb"
            redis-check-rdb "$work/dump.rdb" >/dev/null || { echo "the backup is not a valid RDB file" >&2; exit 1; }
            src() { env -u REDISCLI_AUTH redis-cli -s "$work/redis.sock" "$@"; }
            dst() { redis-cli --no-auth-warning -h "$h" -p "$p" --user "$u" "$@"; }
            redis-server --port 0 --unixsocket "$work/redis.sock" --unixsocketperm 700 --dir "$work" \\
              --dbfilename dump.rdb --save '' --appendonly no --logfile "$work/server.log" &
            server=$!
            trap 'kill "$server" 2>/dev/null || true' EXIT
            until [ "$(src PING 2>/dev/null)" = PONG ]; do
              kill -0 "$server" 2>/dev/null || { tail -n 5 "$work/server.log" >&2; exit 1; }
              sleep 0.1
            done
            reply="$(dst FLUSHALL 2>&1 || true)"
            [ "$reply" = OK ] || { echo "FLUSHALL answered: $reply" >&2; exit 1; }
            dbs="$(src CONFIG GET databases | tail -n 1)"
            moved="$(printf %s "$REDISCLI_AUTH" | src -x EVAL "$migrate" 0 "$h" "$p" "$u" "$dbs")"
            [[ "$moved" =~ ^[0-9]+$ ]] || { echo "MIGRATE failed: $moved" >&2; exit 1; }
            keys() { "$@" INFO keyspace | { grep -o '^db[0-9]*:keys=[0-9]*' || true; } | tr '\\n' ' '; }
            # Keys whose TTL ends meanwhile may leave one side a moment before the other: a few tries.
            for _ in 1 2 3 4 5 6 7 8 9 10; do
              want="$(keys src)" got="$(keys dst)"
              [ "$want" = "$got" ] && break
              sleep 0.2
            done
            [ "$want" = "$got" ] || { echo "after the restore the add-on has '$got', the backup '$want'" >&2; exit 1; }
            echo "restored $moved keys: $want" >&2
            """;

    /** Run in the throwaway server: every key of every database to the add-on, 500 a MIGRATE; the count moved. */
    private static final String REDIS_MIGRATE = """
            local host, port, user, dbs, pass = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
            local moved = 0
            for db = 0, dbs - 1 do
              redis.call('SELECT', db)
              local cursor = '0'
              repeat
                local page = redis.call('SCAN', cursor, 'COUNT', 500)
                cursor = page[1]
                local keys = page[2]
                for i = 1, #keys, 500 do
                  local call = {'MIGRATE', host, port, '', db, 60000, 'COPY', 'REPLACE', 'AUTH2', user, pass, 'KEYS'}
                  for j = i, math.min(i + 499, #keys) do
                    call[#call + 1] = keys[j]
                  end
                  redis.call(unpack(call))
                  moved = moved + #call - 12
                end
              until cursor == '0'
            end
            return moved
            """;

    /** Runs the dump client and streams the dump it wrote to {@code out}. */
    void dump(String image, Command command, OutputStream out, Duration timeout) throws IOException {
        String id = create(image, command);
        try {
            start(id, command, timeout);
            try (InputStream tar = docker.copyArchiveFromContainerCmd(id, DIR + "/" + DUMP_FILE).exec();
                 TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
                if (entries.getNextEntry() == null) {
                    throw new ServiceExec.ExecFailed("the backup client wrote no dump");
                }
                entries.transferTo(out);
            }
        } finally {
            remove(id);
        }
    }

    /** Copies the dump into a client and runs the restore client. */
    void restore(String image, Command command, String fileName, InputStream dump, long size, Duration timeout)
            throws IOException {
        String id = create(image, command);
        try {
            new ServiceExec(docker).copyIn(id, DIR, fileName, dump, size);
            start(id, command, timeout);
        } finally {
            remove(id);
        }
    }

    private String create(String image, Command command) {
        List<String> env = new ArrayList<>();
        command.env().forEach((k, v) -> env.add(k + "=" + v));
        // The host's network: the client reaches the node's address as the controller itself does.
        return docker.createContainerCmd(image).withEntrypoint(command.argv().toArray(String[]::new))
                .withCmd(List.of()).withEnv(env).withLabels(Map.of(LABEL, "true"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withCapDrop(
                        com.github.dockerjava.api.model.Capability.ALL).withSecurityOpts(
                        List.of("no-new-privileges")).withMemory(512L * 1024 * 1024))
                .exec().getId();
    }

    /** Starts the client and waits for it; throws {@link ServiceExec.ExecFailed} with its output unless it exits 0. */
    private void start(String id, Command command, Duration timeout) {
        String tool = command.argv().get(0).equals("bash") ? command.argv().get(3) : command.argv().get(0);
        docker.startContainerCmd(id).exec();
        Integer code;
        try {
            code = docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (com.github.dockerjava.api.exception.DockerClientException e) {
            throw new ServiceExec.ExecFailed(tool + " took longer than " + timeout.toSeconds() + "s");
        }
        if (code == null || code != 0) {
            throw new ServiceExec.ExecFailed(tool + " exited with " + code + ": " + output(id));
        }
    }

    /** The end of the client's output (its stderr: the dump itself goes to a file), for the failure's reason. */
    private String output(String id) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(20)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            if (log.size() < LOG_MAX) {
                                log.write(frame.getPayload(), 0,
                                        Math.min(frame.getPayload().length, LOG_MAX - log.size()));
                            }
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return log.toString(StandardCharsets.UTF_8).strip();
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            // Gone already; a client left behind holds no data beyond its own layer and is labelled.
        }
    }
}
