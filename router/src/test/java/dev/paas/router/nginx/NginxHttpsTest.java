package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Route;
import dev.paas.api.RouteTable.Tls;
import dev.paas.api.RouteTable.TlsCert;
import dev.paas.api.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the router's real nginx, checked with the real curl: each host name gets its certificate by SNI,
 * plain HTTP is redirected when asked, HSTS, unknown names refused in the handshake, key files kept private and
 * removed once unused, and a certificate the controller answers wrongly left out without stopping the others.
 */
class NginxHttpsTest {

    @TempDir
    Path dir;
    private ListenAddress listen;
    private ListenAddress https;
    private NginxRouter router;
    private HttpServer one;
    private HttpServer two;
    private TestCerts ca;
    private final Map<String, TlsMaterial> controller = new HashMap<>();
    private final List<String> fetched = new ArrayList<>();
    private String platformId;
    private String oneId;
    private String twoId;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Backends.nginxInstalled(), "nginx is not installed at " + Backends.NGINX);
        ca = TestCerts.ca(Files.createDirectories(dir.resolve("ca")));
        platformId = put(ca.issue("platform", "apps.test", "*.apps.test"));
        oneId = put(ca.issue("one", "www.one.example"));
        twoId = put(ca.issue("two", "www.two.example", "api.two.example"));
        one = Backends.answering("app one");
        two = Backends.answering("app two");
        listen = new ListenAddress("127.0.0.1", Backends.freePort());
        https = new ListenAddress("127.0.0.1", Backends.freePort());
        router = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen, https, id -> {
            fetched.add(id);
            TlsMaterial material = controller.get(id);
            if (material == null) {
                throw new java.io.IOException("answered 404");
            }
            return material;
        });
        router.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (router != null) {
            router.stop();
        }
        for (HttpServer backend : new HttpServer[] {one, two}) {
            if (backend != null) {
                backend.stop(0);
            }
        }
    }

    @Test
    void eachNameIsServedWithItsOwnCertificate() throws Exception {
        router.apply(table(1, false, false));

        assertThat(curl("https", "www.one.example").out()).isEqualTo("app one200");
        assertThat(curl("https", "www.two.example").out()).isEqualTo("app two200");
        assertThat(curl("https", "api.two.example").out()).isEqualTo("app two200");
        assertThat(curl("https", "one.apps.test").out()).isEqualTo("app one200");
        assertThat(curl("http", "www.one.example").out()).as("plain HTTP still served").isEqualTo("app one200");
        assertThat(issuerOf("www.two.example")).contains("subject=CN = www.two.example");
        assertThat(fetched).as("fetched once each").containsExactlyInAnyOrder(platformId, oneId, twoId);

        router.apply(table(2, false, false));
        assertThat(fetched).as("kept files are not fetched again").hasSize(3);
    }

    @Test
    void aNameWithoutCertificateIsRefusedInTheHandshake() throws Exception {
        router.apply(table(1, false, false));

        Curl unknown = curl("https", "nothing.example");
        assertThat(unknown.exit()).as(unknown.err()).isNotZero();
        assertThat(unknown.out()).isEqualTo("000");
    }

    @Test
    void redirectAndHstsOnlyWhereAsked() throws Exception {
        router.apply(table(1, true, true));

        Curl redirected = curl("http", "www.one.example", "-D", "-", "-o", "/dev/null");
        Curl secure = curl("https", "www.one.example", "-D", "-", "-o", "/dev/null");
        Curl other = curl("http", "www.two.example");

        assertThat(redirected.out()).startsWith("HTTP/1.1 308").containsIgnoringCase(
                "Location: https://www.one.example:" + https.port() + "/path?q=1\r\n");
        assertThat(secure.out()).startsWith("HTTP/1.1 200").contains("Strict-Transport-Security: max-age=31536000");
        assertThat(other.out()).as("app two did not ask").isEqualTo("app two200");

        router.apply(table(2, false, false));
        assertThat(curl("http", "www.one.example").out()).isEqualTo("app one200");
        assertThat(curl("https", "www.one.example", "-D", "-", "-o", "/dev/null").out())
                .doesNotContain("Strict-Transport-Security");
    }

    @Test
    void keyFilesArePrivateAndGoWhenNoLongerUsed() throws Exception {
        router.apply(table(1, false, false));
        Path certs = dir.resolve("nginx/certs");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(oneId + ".key"))))
                .isEqualTo("rw-------");

        router.apply(new RouteTable(2, List.of(route("one", one, new Tls(false, false,
                List.of(new TlsCert(platformId, List.of("one.apps.test"))))))));
        assertThat(certs.resolve(oneId + ".key")).doesNotExist();
        assertThat(certs.resolve(twoId + ".pem")).doesNotExist();
        assertThat(certs.resolve(platformId + ".key")).exists();
        Curl gone = curl("https", "www.one.example");
        assertThat(gone.exit()).isNotZero();
    }

    @Test
    void aCertificateTheControllerAnswersWronglyIsLeftOutAndTheOthersServe() throws Exception {
        controller.put(twoId, controller.get(oneId));
        router.apply(table(1, false, false));

        assertThat(curl("https", "www.one.example").out()).isEqualTo("app one200");
        assertThat(curl("https", "www.two.example").exit()).isNotZero();
        assertThat(curl("http", "www.two.example").out()).isEqualTo("app two200");
        assertThat(dir.resolve("nginx/certs/" + twoId + ".key")).doesNotExist();
    }

    @Test
    void acmeChallengesAreAnsweredOnPlainHttpForTheirOwnHostOnlyEvenWhenRedirected() throws Exception {
        String token = "tok_" + "A".repeat(39);
        String keyAuthorization = token + "." + "T".repeat(43);
        String other = "oth-" + "B".repeat(39);
        RouteTable table = new RouteTable(1, List.of(
                withChallenges(route("one", one, new Tls(true, false, List.of(new TlsCert(oneId, List.of("www.one.example"))))),
                        new RouteTable.AcmeChallenge("www.one.example", token, keyAuthorization),
                        new RouteTable.AcmeChallenge("www.two.example", other, other + "." + "T".repeat(43))),
                route("two", two, null)));
        router.apply(table);

        String path = AcmeChallenges.PATH + token;
        Curl answered = curlPath("www.one.example", path);
        Curl wrongHost = curlPath("one.apps.test", path);
        Curl otherApp = curlPath("www.two.example", path);
        Curl foreign = curlPath("www.two.example", AcmeChallenges.PATH + other);
        Curl rest = curlPath("www.one.example", "/anything");

        assertThat(answered.out()).as("served on plain HTTP despite the redirect").isEqualTo(keyAuthorization + "200");
        assertThat(wrongHost.out()).as("another name of the same app: the app answers").isEqualTo("app one200");
        assertThat(otherApp.out()).as("another app's name: its own app answers").isEqualTo("app two200");
        assertThat(foreign.out()).as("app one cannot answer for app two's name").isEqualTo("app two200");
        assertThat(rest.out()).as("the rest is still redirected").endsWith("308");

        router.apply(new RouteTable(2, List.of(route("one", one, null), route("two", two, null))));
        assertThat(curlPath("www.one.example", path).out()).as("gone with the table").isEqualTo("app one200");
    }

    private static Route withChallenges(Route route, RouteTable.AcmeChallenge... challenges) {
        return new Route(route.app(), route.domains(), route.backends(), route.edge(), route.tls(), List.of(challenges));
    }

    private Curl curlPath(String host, String path) throws Exception {
        Process process = new ProcessBuilder("curl", "-sS", "--max-time", "5", "-H", "Host: " + host, "-w",
                "%{http_code}", "http://127.0.0.1:" + listen.port() + path).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return new Curl(process.exitValue(), out, err);
    }

    private RouteTable table(long version, boolean redirect, boolean hsts) {
        return new RouteTable(version, List.of(
                route("one", one, new Tls(redirect, hsts, List.of(new TlsCert(platformId, List.of("one.apps.test")),
                        new TlsCert(oneId, List.of("www.one.example"))))),
                route("two", two, new Tls(false, false, List.of(new TlsCert(platformId, List.of("two.apps.test")),
                        new TlsCert(twoId, List.of("www.two.example", "api.two.example")))))));
    }

    private static Route route(String app, HttpServer backend, Tls tls) {
        List<String> domains = app.equals("one") ? List.of("one.apps.test", "www.one.example")
                : List.of("two.apps.test", "www.two.example", "api.two.example");
        return new Route(app, domains, List.of(new Backend("127.0.0.1", backend.getAddress().getPort())), null, tls);
    }

    private String put(TlsMaterial material) throws Exception {
        String id = TestCerts.fingerprint(material);
        controller.put(id, material);
        return id;
    }

    record Curl(int exit, String out, String err) {
    }

    /** curl with the name resolved to the router and only the test CA trusted: a wrong certificate fails it. */
    private Curl curl(String scheme, String host, String... extra) throws Exception {
        int port = scheme.equals("https") ? https.port() : listen.port();
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "--resolve",
                host + ":" + port + ":127.0.0.1", "--cacert", ca.caPem.toString(), "-w", "%{http_code}"));
        command.addAll(List.of(extra));
        command.add(scheme + "://" + host + ":" + port + "/path?q=1");
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return new Curl(process.exitValue(), out, err);
    }

    private String issuerOf(String host) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + https.port(),
                "-servername", host).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
