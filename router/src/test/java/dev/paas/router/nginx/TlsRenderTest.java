package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Route;
import dev.paas.api.RouteTable.Tls;
import dev.paas.api.RouteTable.TlsCert;
import org.junit.jupiter.api.Test;

/** Given a route table with certificates, expect the HTTPS servers, the redirect and what is left out. */
class TlsRenderTest {

    private static final ListenAddress HTTP = ListenAddress.parse("127.0.0.1:8080");
    private static final ListenAddress HTTPS = ListenAddress.parse("127.0.0.1:8443");
    private static final String PLATFORM = "a".repeat(64);
    private static final String APP = "b".repeat(64);
    private static final String MISSING = "c".repeat(64);

    private final RoutesRenderer renderer = new RoutesRenderer();

    private RenderedRoutes render(Tls tls, Set<String> available) {
        Route route = new Route("web", List.of("web.localhost", "www.example.com", "plain.example.com"), List.of(),
                null, tls);
        return renderer.render(new RouteTable(3, List.of(route)), HTTP,
                new RoutesRenderer.Https(HTTPS, Path.of("/var/lib/paas/nginx/certs"), available));
    }

    @Test
    void oneHttpsServerPerCertificateWithItsFilesAndNoRedirectUnlessAsked() {
        String text = render(new Tls(false, false, List.of(new TlsCert(PLATFORM, List.of("web.localhost")),
                new TlsCert(APP, List.of("www.example.com")))), Set.of(PLATFORM, APP)).text();

        assertThat(text).contains("""
                server {
                    listen 127.0.0.1:8443 ssl default_server;
                    server_name _;
                    ssl_reject_handshake on;
                }
                """, """
                server {
                    listen 127.0.0.1:8080;
                    server_name web.localhost www.example.com plain.example.com;
                """, """
                server {
                    listen 127.0.0.1:8443 ssl;
                    ssl_certificate /var/lib/paas/nginx/certs/%1$s.pem;
                    ssl_certificate_key /var/lib/paas/nginx/certs/%1$s.key;
                    server_name www.example.com;
                """.formatted(APP));
        assertThat(text).doesNotContain("return 308", "Strict-Transport-Security");
    }

    @Test
    void redirectTakesOnlyTheNamesServedOverHttpsAndHstsGoesOnlyThere() {
        String text = render(new Tls(true, true, List.of(new TlsCert(APP, List.of("www.example.com")))),
                Set.of(APP)).text();

        assertThat(text).contains("""
                server {
                    listen 127.0.0.1:8080;
                    server_name www.example.com;
                    location / {
                        return 308 https://$host:8443$request_uri;
                    }
                }
                """, """
                server {
                    listen 127.0.0.1:8080;
                    server_name web.localhost plain.example.com;
                """);
        assertThat(text.split("Strict-Transport-Security", -1)).as("in the one HTTPS server").hasSize(2);
    }

    @Test
    void aMissingCertificateAForeignNameOrABadIdIsLeftOutAndNoted() {
        RenderedRoutes rendered = render(new Tls(true, false, List.of(new TlsCert(MISSING, List.of("www.example.com")),
                new TlsCert(APP, List.of("other-app.example.com", "web.localhost")),
                new TlsCert("../../etc/passwd", List.of("plain.example.com")))), Set.of(APP));

        assertThat(rendered.text()).doesNotContain(MISSING, "other-app.example.com", "passwd")
                .contains("server_name web.localhost;\n");
        assertThat(rendered.skipped()).containsExactly(
                "app web: certificate " + MISSING + " is not available; its names are not served over HTTPS",
                "app web: certificate id is not a SHA-256 fingerprint");
    }
}
