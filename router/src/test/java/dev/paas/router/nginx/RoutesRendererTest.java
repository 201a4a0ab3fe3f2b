package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Route;
import org.junit.jupiter.api.Test;

class RoutesRendererTest {

    private static final ListenAddress LISTEN = ListenAddress.parse("127.0.0.1:8080");
    private final RoutesRenderer renderer = new RoutesRenderer();

    private RenderedRoutes render(Route... routes) {
        return renderer.render(new RouteTable(7, List.of(routes)), LISTEN);
    }

    @Test
    void emptyTableHasOnlyTheDefaultServer() {
        RenderedRoutes rendered = render();

        assertThat(rendered.text()).isEqualTo("""
                # Rendered by paas-router from route table version 7. Do not edit: the next table replaces it.

                server {
                    listen 127.0.0.1:8080 default_server;
                    server_name _;
                    add_header X-Paas-Routes-Version 7 always;
                    return 404 "No app is routed here\\n";
                }
                """);
        assertThat(rendered.skipped()).isEmpty();
    }

    @Test
    void appWithBackendsGetsAnUpstreamAndAProxyServer() {
        RenderedRoutes rendered = render(new Route("hello", List.of("hello.localhost", "WWW.Example.com"),
                List.of(new Backend("127.0.0.1", 32768), new Backend("10.0.0.2", 32769))));

        assertThat(rendered.text()).contains("""

                upstream app-hello {
                    server 127.0.0.1:32768 max_fails=1 fail_timeout=5s;
                    server 10.0.0.2:32769 max_fails=1 fail_timeout=5s;
                    keepalive 16;
                }

                server {
                    listen 127.0.0.1:8080;
                    server_name hello.localhost www.example.com;
                    location / {
                        proxy_pass http://app-hello;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
                """);
        assertThat(rendered.text()).contains("listen 127.0.0.1:8080 default_server;");
    }

    @Test
    void appWithoutBackendsAnswers503() {
        RenderedRoutes rendered = render(new Route("idle", List.of("idle.localhost"), List.of()));

        assertThat(rendered.text()).contains("""

                server {
                    listen 127.0.0.1:8080;
                    server_name idle.localhost;
                    return 503 "App idle has no running web processes\\n";
                }
                """);
        assertThat(rendered.text()).doesNotContain("upstream");
    }

    @Test
    void sameTableRendersTheSameTextWhateverTheOrder() {
        Route a = new Route("a", List.of("a.localhost"), List.of(new Backend("127.0.0.1", 1)));
        Route b = new Route("b", List.of("b.localhost"), List.of(new Backend("127.0.0.1", 2)));

        assertThat(render(a, b).text()).isEqualTo(render(b, a).text());
    }

    @Test
    void invalidAppNamesAreSkipped() {
        RenderedRoutes rendered = render(
                new Route("evil;}", List.of("evil.localhost"), List.of(new Backend("127.0.0.1", 1))),
                new Route("Upper", List.of("upper.localhost"), List.of()),
                new Route(null, List.of("null.localhost"), List.of()),
                new Route("ok", List.of("ok.localhost"), List.of()));

        assertThat(rendered.text()).doesNotContain("evil", "upper", "null.localhost").contains("server_name ok.localhost;");
        assertThat(rendered.skipped()).hasSize(3);
    }

    @Test
    void domainsThatAreNotPlainHostNamesAreSkipped() {
        List<String> bad = List.of("a.localhost; include /etc/passwd", "x.localhost\n}", "*.example.com", "$host",
                "a..b", "-a.com", "a-.com", "a b.com", "\"q\".com", "", "x".repeat(64) + ".com", "ex.com.",
                "paas-router-probe.invalid", "bücher.de");
        RenderedRoutes rendered = render(new Route("hello", bad, List.of(new Backend("127.0.0.1", 1))));

        assertThat(rendered.text()).doesNotContain("hello", "passwd", "$host", "*", "\"q\"");
        assertThat(rendered.skipped()).hasSize(bad.size() + 1)
                .last().asString().contains("no valid domain");
    }

    @Test
    void invalidBackendsAreSkippedAndAnAppLeftWithoutAnyAnswers503() {
        RenderedRoutes rendered = render(new Route("hello", List.of("hello.localhost"), List.of(
                new Backend("backend.internal", 80), new Backend("127.0.0.1; }", 80), new Backend("127.0.0.1", 0),
                new Backend("127.0.0.1", 70000), new Backend("300.0.0.1", 80))));

        assertThat(rendered.text()).contains("return 503").doesNotContain("upstream", "backend.internal");
        assertThat(rendered.skipped()).hasSize(5);
    }

    @Test
    void ipv6BackendsAreBracketed() {
        RenderedRoutes rendered = render(new Route("six", List.of("six.localhost"), List.of(new Backend("::1", 9000))));

        assertThat(rendered.text()).contains("server [::1]:9000 max_fails=1");
    }

    @Test
    void aDomainClaimedTwiceGoesToTheFirstAppOnly() {
        RenderedRoutes rendered = render(
                new Route("one", List.of("shared.localhost", "one.localhost"), List.of()),
                new Route("two", List.of("shared.localhost", "two.localhost"), List.of()));

        assertThat(rendered.text()).contains("server_name shared.localhost one.localhost;", "server_name two.localhost;");
        assertThat(rendered.skipped()).containsExactly(
                "app two: domain shared.localhost is already routed to another app");
    }
}
