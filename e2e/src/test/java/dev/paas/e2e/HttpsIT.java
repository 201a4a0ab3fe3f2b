package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * HTTPS through the router on the shared cluster, with certificates of a test CA made by openssl and checked by the
 * real curl (the name resolved to the router, only the test CA trusted, so a wrong certificate fails): two apps each
 * served with their own certificate by SNI, the platform's certificate on the default names, refusals that change
 * nothing, redirect and HSTS, and a second user who can neither see nor touch the certificates of an app not shared
 * with them nor read a key through the API.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HttpsIT {

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String one = "tls-one-" + suffix;
    private final String two = "tls-two-" + suffix;
    private final String oneDomain = "www." + one + ".example";
    private final String twoDomain = "www." + two + ".example";
    private Cluster cluster;
    private User admin;
    private Path oneDir;
    private Path twoDir;
    private TestCa ca;

    @BeforeAll
    void deploy() throws Exception {
        cluster = SharedCluster.cluster();
        admin = User.loggedIn(cluster);
        ca = TestCa.create(admin.work.resolve("ca"));
        oneDir = admin.checkout("python-hello", one);
        twoDir = admin.checkout("python-hello", two);
        for (Path dir : List.of(oneDir, twoDir)) {
            Shell.Result push = Shell.timed("HttpsIT: python-hello push", () -> admin.push(dir));
            assertThat(push.exit()).as(push.all()).isZero();
        }
        paas(one, "domains:add", oneDomain);
        paas(two, "domains:add", twoDomain);
    }

    @Test
    @Order(1)
    void eachAppIsServedWithItsOwnCertificateAndTheDefaultNamesWithThePlatforms() throws Exception {
        Path[] platform = ca.issue("platform", "localhost", "*.localhost");
        Path[] first = ca.issue("one", oneDomain);
        Path[] second = ca.issue("two", twoDomain, "api." + two + ".example");

        Shell.Result set = paas(null, "certs:platform:set", platform[0].toString(), platform[1].toString());
        Shell.Result added = paas(one, "certs:add", first[0].toString(), first[1].toString());
        paas(two, "certs:add", second[0].toString(), second[1].toString());

        assertThat(set.out()).contains("Names:       localhost, *.localhost");
        assertThat(added.out()).contains("Serves:      " + oneDomain, "Issuer:      CN=E2E Test CA");
        assertThat(https(oneDomain).out()).isEqualTo("Hello from Python\n200");
        assertThat(https(twoDomain).out()).isEqualTo("Hello from Python\n200");
        assertThat(served(twoDomain)).contains("subject=CN = " + twoDomain);
        // curl (like browsers) refuses a wildcard right under a top-level name such as *.localhost, so the default
        // name is checked by what the router presents: the platform's certificate.
        assertThat(served(one + ".localhost")).contains("subject=CN = localhost");
        Shell.Result insecure = Shell.run(admin.work, Map.of(), "curl", "-sS", "-k", "--max-time", "5", "--resolve",
                one + ".localhost:" + cluster.routerHttpsPort + ":127.0.0.1", "-w", "%{http_code}",
                "https://" + one + ".localhost:" + cluster.routerHttpsPort + "/");
        assertThat(insecure.out()).isEqualTo("Hello from Python\n200");
        assertThat(paas(one, "certs").out()).contains("(app)", oneDomain, "redirect from HTTP off, HSTS off");
        assertThat(paas(one, "logs", "-n", "200").out()).contains("Certificate for " + oneDomain);

        Path certs = cluster.nginxDir.resolve("certs");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs))).isEqualTo("rwx------");
        try (var files = Files.list(certs)) {
            List<Path> keys = files.filter(f -> f.toString().endsWith(".key")).toList();
            assertThat(keys).hasSizeGreaterThanOrEqualTo(3);
            for (Path key : keys) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    @Order(2)
    void aWrongKeyOrACertificateForOtherNamesIsRefusedAndChangesNothing() {
        Path[] other = ca.issue("other", "www.elsewhere.example");
        Path[] second = ca.issue("one-again", oneDomain);
        String before = paas(one, "certs").out();

        Shell.Result wrongKey = paasFails(one, "certs:add", second[0].toString(), other[1].toString());
        Shell.Result otherNames = paasFails(one, "certs:add", other[0].toString(), other[1].toString());
        Shell.Result swapped = paasFails(one, "certs:add", second[1].toString(), second[0].toString());

        assertThat(wrongKey.err()).contains("The private key does not belong to the certificate");
        assertThat(otherNames.err()).contains("The certificate is for www.elsewhere.example, which does not cover "
                + oneDomain);
        assertThat(swapped.err()).contains("holds something else than certificates (a private key)");
        for (Shell.Result refused : List.of(wrongKey, otherNames, swapped)) {
            assertThat(refused.all()).doesNotContain("BEGIN", "PRIVATE KEY-----");
        }
        assertThat(paas(one, "certs").out()).isEqualTo(before);
        assertThat(https(oneDomain).out()).isEqualTo("Hello from Python\n200");
    }

    @Test
    @Order(3)
    void redirectAndHstsWhenTheAppAsks() {
        paas(one, "certs:https-only", "on");
        paas(one, "certs:hsts", "on");
        Shell.Result redirected = Shell.run(admin.work, Map.of(), "curl", "-sS", "--max-time", "5", "-o", "/dev/null",
                "-D", "-", "-H", "Host: " + oneDomain, "http://127.0.0.1:" + cluster.routerPort + "/path?q=1");
        Shell.Result secure = https(oneDomain, "-D", "-", "-o", "/dev/null");
        Shell.Result otherApp = cluster.curlHost(twoDomain, "/");
        paas(one, "certs:https-only", "off");
        Shell.Result plainAgain = cluster.curlHost(oneDomain, "/");

        assertThat(redirected.out()).startsWith("HTTP/1.1 308").containsIgnoringCase("Location: https://" + oneDomain
                + ":" + cluster.routerHttpsPort + "/path?q=1");
        assertThat(secure.out()).startsWith("HTTP/1.1 200").contains("Strict-Transport-Security: max-age=31536000");
        assertThat(otherApp.out()).isEqualTo("Hello from Python\n200");
        assertThat(plainAgain.out()).isEqualTo("Hello from Python\n200");
        assertThat(paas(one, "certs").out()).contains("redirect from HTTP off, HSTS on");
    }

    @Test
    @Order(4)
    void anotherUserCanNeitherSeeNorChangeTheCertificatesNorReadAKey() throws Exception {
        String username = "tls-bob-" + suffix;
        String password = "bob-password-" + suffix;
        paas(null, "users:create", username, "--password-stdin", password + "\n");
        User bob = User.of(cluster).login(username, password);
        Path[] own = ca.issue("bob", oneDomain);
        String fingerprint = fingerprint(paas(one, "certs:info").out());

        List<Shell.Result> refused = List.of(
                bob.paas(bob.work, null, "certs", "-a", one),
                bob.paas(bob.work, null, "certs:info", "-a", one),
                bob.paas(bob.work, null, "certs:add", own[0].toString(), own[1].toString(), "-a", one),
                bob.paas(bob.work, null, "certs:remove", "-a", one),
                bob.paas(bob.work, null, "certs:https-only", "on", "-a", one),
                bob.paas(bob.work, null, "certs:platform:set", own[0].toString(), own[1].toString()));
        String bobToken = token(bob);
        String adminToken = token(admin);

        for (Shell.Result result : refused.subList(0, 5)) {
            assertThat(result.exit()).as(result.all()).isEqualTo(1);
            assertThat(result.err()).contains("App '" + one + "' not found");
        }
        assertThat(refused.get(5).err()).contains("Only admins set the platform's certificate.");
        for (String token : List.of(bobToken, adminToken)) {
            Shell.Result read = Shell.run(admin.work, Map.of(), "curl", "-sS", "--max-time", "5", "-w", "%{http_code}",
                    "-H", "Authorization: Bearer " + token,
                    cluster.api() + "/v1/routers/router-" + cluster.node + "/certs/" + fingerprint);
            assertThat(read.out()).as("a user's token never reads a key").doesNotContain("PRIVATE").endsWith("401");
        }
        Shell.Result listed = Shell.run(admin.work, Map.of(), "curl", "-sS", "--max-time", "5", "-H",
                "Authorization: Bearer " + adminToken, cluster.api() + "/v1/apps/" + one + "/certs");
        assertThat(listed.out()).contains(fingerprint).doesNotContain("PRIVATE", "privateKey");
        assertThat(https(oneDomain).out()).isEqualTo("Hello from Python\n200");
    }

    @Test
    @Order(5)
    void aRemovedCertificateNoLongerServesItsNames() {
        paas(one, "certs:remove");

        Shell.Result gone = https(oneDomain);
        assertThat(gone.exit()).as(gone.all()).isNotZero();
        assertThat(https(twoDomain).out()).as("the other app keeps its own").isEqualTo("Hello from Python\n200");
        assertThat(cluster.curlHost(oneDomain, "/").out()).isEqualTo("Hello from Python\n200");
        assertThat(paas(one, "certs").out()).contains("has no certificate of its own");
    }

    /** HTTPS to {@code host} through the router, trusting only the test CA. */
    private Shell.Result https(String host, String... extra) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "--resolve",
                host + ":" + cluster.routerHttpsPort + ":127.0.0.1", "--cacert", ca.cert.toString(), "-w", "%{http_code}"));
        command.addAll(Arrays.asList(extra));
        command.add("https://" + host + ":" + cluster.routerHttpsPort + "/path?q=1");
        return Shell.run(admin.work, Map.of(), command.toArray(String[]::new));
    }

    /** What the router presents for {@code host} (SNI), as openssl s_client prints it. */
    private String served(String host) {
        return Shell.run(admin.work, Map.of(), "sh", "-c", "openssl s_client -connect 127.0.0.1:" + cluster.routerHttpsPort
                + " -servername " + host + " </dev/null 2>/dev/null | openssl x509 -noout -subject").out();
    }

    private static String fingerprint(String info) {
        Matcher m = Pattern.compile("Fingerprint: SHA-256 ([0-9a-f]{64})").matcher(info);
        assertThat(m.find()).as(info).isTrue();
        return m.group(1);
    }

    private static String token(User user) throws Exception {
        String config = Files.readString(user.home.resolve(".paas/config.json"));
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(config);
        assertThat(m.find()).as("a token in the cli's config").isTrue();
        return m.group(1);
    }

    /** The admin's cli; the last argument is its standard input when it ends with a newline. */
    private Shell.Result paas(String app, String... args) {
        Shell.Result result = run(app, args);
        assertThat(result.exit()).as(result.all()).isZero();
        return result;
    }

    private Shell.Result paasFails(String app, String... args) {
        Shell.Result result = run(app, args);
        assertThat(result.exit()).as(result.all()).isEqualTo(1);
        return result;
    }

    private Shell.Result run(String app, String... args) {
        List<String> command = new ArrayList<>(Arrays.asList(args));
        String stdin = null;
        if (!command.isEmpty() && command.get(command.size() - 1).endsWith("\n")) {
            stdin = command.remove(command.size() - 1);
        }
        if (app != null) {
            command.add("-a");
            command.add(app);
        }
        return admin.paas(admin.work, stdin, command.toArray(String[]::new));
    }
}
