package dev.paas.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster registry that listens beyond loopback, set up as deploy/up's multi-host mode does it: the platform CA,
 * the server certificate and the registry's user from deploy/lib/cluster-tls.sh, and Debian's docker-registry
 * with TLS and htpasswd given through its REGISTRY_* environment. Docker on every host (here: this machine's and
 * each {@link TestHost}'s, which share /etc) trusts the CA through /etc/docker/certs.d/HOST:PORT/ca.crt, written
 * for this registry's own address only and removed by close.
 */
final class SecuredRegistry implements AutoCloseable {

    /** Under /tmp/pth-*: a test run killed before close leaves it to {@link TestHost}'s clean-up. */
    private static final Path DIR = Path.of("/tmp/pth-registry");

    final String address;
    /** What cluster-tls.sh made: ca.crt, server.crt, server.key, registry.htpasswd, registry-credentials. */
    final Path secrets;
    private final Path certsD;
    private final Process process;

    private SecuredRegistry(String address, Path secrets, Path certsD, Process process) {
        this.address = address;
        this.secrets = secrets;
        this.certsD = certsD;
        this.process = process;
    }

    /** On the test network's gateway address ({@link TestHost#GATEWAY}), a free port. */
    static SecuredRegistry start(Path logs) throws Exception {
        TestHost.network();
        String address = TestHost.GATEWAY + ":" + Cluster.freePort();
        Path secrets = DIR.resolve("secrets");
        Shell.ok(Cluster.ROOT, Map.of(), Cluster.ROOT.resolve("deploy/lib/cluster-tls.sh").toString(),
                secrets.toString(), TestHost.GATEWAY);
        Files.createDirectories(DIR.resolve("storage"));
        Path config = Files.writeString(DIR.resolve("registry.yml"), """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s
                """.formatted(DIR.resolve("storage"), address));
        Path certsD = Path.of("/etc/docker/certs.d", address);
        Files.createDirectories(certsD);
        Files.copy(secrets.resolve("ca.crt"), certsD.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Process process = Shell.spawn(List.of("docker-registry", "serve", config.toString()), environment(secrets),
                logs.resolve("registry-secured.log"));
        SecuredRegistry registry = new SecuredRegistry(address, secrets, certsD, process);
        try {
            Wait.until(Duration.ofSeconds(30), () -> registry.status(true) == 200);
            return registry;
        } catch (RuntimeException | Error e) {
            registry.close();
            throw e;
        }
    }

    /** The settings deploy/lib/install.sh gives the registry in multi-host mode. */
    static Map<String, String> environment(Path secrets) {
        return Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_REALM", "paas",
                "REGISTRY_AUTH_HTPASSWD_PATH", secrets.resolve("registry.htpasswd").toString(),
                "REGISTRY_HTTP_TLS_CERTIFICATE", secrets.resolve("server.crt").toString(),
                "REGISTRY_HTTP_TLS_KEY", secrets.resolve("server.key").toString());
    }

    Path ca() {
        return secrets.resolve("ca.crt");
    }

    Path credentials() {
        return secrets.resolve("registry-credentials");
    }

    /** The HTTP status of GET /v2/ by the real curl, trusting the platform CA, with or without the credentials. */
    int status(boolean withCredentials) {
        List<String> curl = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "5", "--cacert", ca().toString()));
        if (withCredentials) {
            // From a file (curl's -K), so the password is not on a command line.
            curl.addAll(List.of("-K", "-"));
        }
        curl.add("https://" + address + "/v2/");
        String stdin = null;
        if (withCredentials) {
            try {
                stdin = "user = \"" + Files.readString(credentials()).strip() + "\"\n";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String code = Shell.run(DIR, Map.of(), stdin, curl).out().strip();
        return code.matches("\\d{3}") ? Integer.parseInt(code) : -1;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Shell.run(Path.of("/"), Map.of(), "rm", "-rf", certsD.toString());
        Shell.run(Path.of("/"), Map.of(), "rm", "-rf", "--one-file-system", DIR.toString());
    }
}
