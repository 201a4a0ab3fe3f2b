package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Edge;
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
                    set_by_lua_block $paas_backends_version {
                        return require("paas_backends").version()
                    }
                    add_header X-Paas-Backends-Version $paas_backends_version always;
                    return 404 "No app is routed here\\n";
                }
                """);
        assertThat(rendered.backends()).isEmpty();
        assertThat(rendered.skipped()).isEmpty();
    }

    @Test
    void appGetsAProxyServerAndItsBackendsALineOfTheBackendTable() {
        RenderedRoutes rendered = render(new Route("hello", List.of("hello.localhost", "WWW.Example.com"),
                List.of(new Backend("127.0.0.1", 32768), new Backend("10.0.0.2", 32769))));

        assertThat(rendered.text()).contains("""

                server {
                    listen 127.0.0.1:8080;
                    server_name hello.localhost www.example.com;
                    set $paas_app hello;
                    location / {
                        access_by_lua_block {
                            require("paas_backends").require_backends()
                        }
                        proxy_pass http://paas_backends;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header X-Forwarded-Port $server_port;
                        proxy_set_header X-Request-Id $paas_request_id;
                        proxy_next_upstream error timeout http_502;
                        proxy_connect_timeout 2s;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $paas_connection;
                        proxy_buffering off;
                        proxy_request_buffering off;
                    }
                }
                """);
        assertThat(rendered.text()).contains("listen 127.0.0.1:8080 default_server;").doesNotContain("32768");
        assertThat(rendered.backends()).isEqualTo("app hello 127.0.0.1:32768 10.0.0.2:32769\n");
    }

    /** Backends are not part of the configuration: scaling, rollouts and going to zero need no reload. */
    @Test
    void theConfigurationDoesNotDependOnBackends() {
        RenderedRoutes idle = render(new Route("idle", List.of("idle.localhost"), List.of()));
        RenderedRoutes busy = render(new Route("idle", List.of("idle.localhost"), List.of(new Backend("127.0.0.1", 1))));

        assertThat(idle.text()).isEqualTo(busy.text());
        assertThat(idle.backends()).isEqualTo("app idle\n");
        assertThat(busy.backends()).isEqualTo("app idle 127.0.0.1:1\n");
    }

    @Test
    void sameTableRendersTheSameTextWhateverTheOrder() {
        Route a = new Route("a", List.of("a.localhost"), List.of(new Backend("127.0.0.1", 1)));
        Route b = new Route("b", List.of("b.localhost"), List.of(new Backend("127.0.0.1", 2)));

        assertThat(render(a, b)).isEqualTo(render(b, a));
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
    void invalidBackendsAreSkippedAndAnAppLeftWithoutAnyHasAnEmptyLine() {
        RenderedRoutes rendered = render(new Route("hello", List.of("hello.localhost"), List.of(
                new Backend("backend.internal", 80), new Backend("127.0.0.1; }", 80), new Backend("127.0.0.1", 0),
                new Backend("127.0.0.1", 70000), new Backend("300.0.0.1", 80))));

        assertThat(rendered.backends()).isEqualTo("app hello\n");
        assertThat(rendered.text()).doesNotContain("backend.internal");
        assertThat(rendered.skipped()).hasSize(5);
    }

    @Test
    void ipv6BackendsAreBracketed() {
        RenderedRoutes rendered = render(new Route("six", List.of("six.localhost"), List.of(new Backend("::1", 9000))));

        assertThat(rendered.backends()).isEqualTo("app six [::1]:9000\n");
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

    @Test
    void anAppInMaintenanceAnswersWithItsPageAndKeepsItsBackends() {
        RenderedRoutes rendered = render(new Route("down", List.of("down.localhost"),
                List.of(new Backend("127.0.0.1", 1)), new Edge(true, "<h1>Back soon</h1>", null, null)));

        assertThat(rendered.text()).contains("""

                server {
                    listen 127.0.0.1:8080;
                    server_name down.localhost;
                    # maintenance page sha256 %s
                    location / {
                        content_by_lua_block {
                            require("paas_pages").serve("down")
                        }
                    }
                }
                """.formatted(EdgeSettings.sha256("<h1>Back soon</h1>"))).doesNotContain("proxy_pass");
        assertThat(rendered.pages()).isEqualTo("down PGgxPkJhY2sgc29vbjwvaDE+\n");
        assertThat(rendered.backends()).isEqualTo("app down 127.0.0.1:1\n");
    }

    @Test
    void withoutItsOwnPageAnAppInMaintenanceGetsThePlatformsAndNoPageLine() {
        RenderedRoutes rendered = render(new Route("down", List.of("down.localhost"), List.of(),
                new Edge(true, null, null, null)));

        assertThat(rendered.text()).contains("require(\"paas_pages\").serve(\"down\")").doesNotContain("sha256");
        assertThat(rendered.pages()).isEmpty();
    }

    @Test
    void aPageKeptWhileMaintenanceIsOffIsNotRendered() {
        RenderedRoutes rendered = render(new Route("up", List.of("up.localhost"), List.of(),
                new Edge(false, "<h1>Back soon</h1>", null, null)));

        assertThat(rendered.text()).contains("proxy_pass").doesNotContain("paas_pages").doesNotContain("sha256");
        assertThat(rendered.pages()).isEmpty();
    }

    @Test
    void limitsAreRenderedForTheAppAlone() {
        RenderedRoutes rendered = render(
                new Route("big", List.of("big.localhost"), List.of(), new Edge(false, null, 500, 300)),
                new Route("plain", List.of("plain.localhost"), List.of()));

        String big = rendered.text().substring(rendered.text().indexOf("server_name big.localhost"),
                rendered.text().indexOf("server_name plain.localhost"));
        String plain = rendered.text().substring(rendered.text().indexOf("server_name plain.localhost"));
        assertThat(big).contains("    client_max_body_size 500m;\n", "        proxy_read_timeout 300s;\n",
                "        proxy_send_timeout 300s;\n");
        assertThat(plain).doesNotContain("client_max_body_size", "proxy_read_timeout");
    }

    @Test
    void limitsOutOfBoundsAndOversizedPagesAreLeftToTheDefaultsAndNoted() {
        String huge = "x".repeat(EdgeSettings.MAX_PAGE_BYTES + 1);
        RenderedRoutes rendered = render(new Route("odd", List.of("odd.localhost"), List.of(),
                new Edge(true, huge, 0, 3601)));

        assertThat(rendered.text()).doesNotContain("client_max_body_size", "proxy_read_timeout", "sha256")
                .contains("require(\"paas_pages\").serve(\"odd\")");
        assertThat(rendered.pages()).isEmpty();
        assertThat(rendered.skipped()).containsExactly("app odd: body limit 0 MB is out of 1 to 10240",
                "app odd: read timeout 3601 s is out of 1 to 3600",
                "app odd: maintenance page is larger than 65536 bytes");
    }
}
