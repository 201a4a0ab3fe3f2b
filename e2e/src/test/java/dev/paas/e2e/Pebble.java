package dev.paas.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's pebble, the ACME test server, serving a cluster's ACME directory ({@link Cluster#acmePort}) with a TLS
 * certificate of a {@link TestCa} (whose CA goes to {@link Cluster#acmeCaFile}, the file the controller trusts), and
 * validating HTTP-01 on the cluster's router port. Names resolve through pebble-challtestsrv's DNS, which answers
 * 127.0.0.1 for every name (and no IPv6 address), so any app domain reaches the router. Both are processes of the
 * test, on free loopback ports, stopped by {@link #close}.
 */
final class Pebble implements AutoCloseable {

    static final String PEBBLE = "/usr/bin/pebble";
    static final String CHALLTESTSRV = "/usr/bin/pebble-challtestsrv";

    private final Cluster cluster;
    private final int managementPort = Cluster.freePort();
    private final TestCa ca;
    private Process dns;
    private Process pebble;

    private Pebble(Cluster cluster, TestCa ca) {
        this.cluster = cluster;
        this.ca = ca;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(PEBBLE)) && Files.isExecutable(Path.of(CHALLTESTSRV));
    }

    static Pebble started(Cluster cluster, Path work) throws Exception {
        TestCa ca = TestCa.create(work.resolve("pebble-ca"));
        Pebble pebble = new Pebble(cluster, ca);
        try {
            pebble.start(work);
            return pebble;
        } catch (Exception | Error e) {
            pebble.close();
            throw e;
        }
    }

    private void start(Path work) throws Exception {
        Path[] tls = ca.issue("pebble", "localhost");
        Files.createDirectories(cluster.acmeCaFile.getParent());
        Files.copy(ca.cert, cluster.acmeCaFile, StandardCopyOption.REPLACE_EXISTING);
        int dnsPort = Cluster.freePort();
        Path config = work.resolve("pebble-config.json");
        Files.writeString(config, """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(cluster.acmePort, managementPort, tls[0], tls[1], cluster.routerPort, Cluster.freePort()));
        dns = Shell.spawn(List.of(CHALLTESTSRV, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                        "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                        "-management", "127.0.0.1:" + Cluster.freePort()),
                Map.of(), cluster.logs.resolve("pebble-challtestsrv.log"));
        // No random sleeps before validating, and no nonces refused at random: the test measures the platform. No
        // authorization reused: every order validates every name again.
        pebble = Shell.spawn(List.of(PEBBLE, "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dnsPort),
                Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0", "PEBBLE_AUTHZREUSE", "0"),
                cluster.logs.resolve("pebble.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get(cluster.acmePort, "/dir").endsWith("200")) {
            if (System.nanoTime() > deadline || !pebble.isAlive()) {
                throw new IllegalStateException("pebble did not serve its directory: see " + cluster.logs.resolve("pebble.log"));
            }
            Thread.sleep(200);
        }
    }

    /** The root this pebble run signs with (made new at each start), PEM. */
    String root() {
        String out = get(managementPort, "/roots/0");
        return out.substring(0, out.length() - 3);
    }

    /** {@code curl} to pebble over HTTPS, trusting the test CA; its output ends with the status code. */
    private String get(int port, String path) {
        return Shell.run(ca.dir, Map.of(), "curl", "-sS", "--max-time", "5", "--cacert", ca.cert.toString(), "-w",
                "%{http_code}", "https://localhost:" + port + path).out();
    }

    /** Stops pebble (its directory refuses connections from then on), leaving the DNS server. */
    void stopAcmeServer() throws InterruptedException {
        stop(pebble);
        pebble = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop(pebble);
        stop(dns);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
