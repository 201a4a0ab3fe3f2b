package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import dev.paas.api.PemTrust;
import org.junit.jupiter.api.Test;

class RouterOptionsTest {

    @Test
    void optionsWinOverEnvironmentWhichWinsOverDefaults() {
        RouterOptions options = RouterOptions.parse(
                new String[] {"--name", "router2", "--listen", "127.0.0.1:9090"},
                Map.of("PAAS_NODE_TOKEN", "secret", "PAAS_ROUTER_NAME", "ignored", "PAAS_NGINX_DIR", "/tmp/ngx"));

        assertThat(options.name()).isEqualTo("router2");
        assertThat(options.token()).isEqualTo("secret");
        assertThat(options.nginxDir()).isEqualTo(Path.of("/tmp/ngx"));
        assertThat(options.listen()).hasToString("127.0.0.1:9090");
        assertThat(options.controller().current()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(options.nginx()).isEqualTo(Path.of("/usr/sbin/nginx"));
        assertThat(options.direct()).isTrue();
        assertThat(options.toString()).doesNotContain("secret");
    }

    @Test
    void anHttpsControllerWithTheCaItIsSignedBy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ca = java.nio.file.Files.writeString(dir.resolve("ca.crt"), "not a certificate");
        Map<String, String> env = Map.of("PAAS_NODE_TOKEN", "t");

        RouterOptions options = RouterOptions.parse(new String[] {"--controller", "https://10.0.0.1:8000",
                "--controller-ca", ca.toString()}, env);

        assertThat(options.controller().current()).isEqualTo(URI.create("https://10.0.0.1:8000"));
        assertThat(options.controllerCa()).isEqualTo(ca);
        assertThat(RouterOptions.parse(new String[0], env).controllerCa()).isNull();
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--controller-ca", dir.resolve("no.crt").toString()},
                env)).hasMessageContaining("no.crt' is not a readable file");
        // A file that holds no certificate is refused when the trust is made, before any connection.
        assertThatThrownBy(() -> PemTrust.context(ca)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.crt");
    }

    @Test
    void publishedPortsOnlyWhenAsked() {
        Map<String, String> env = Map.of("PAAS_NODE_TOKEN", "secret");
        assertThat(RouterOptions.parse(new String[] {"--direct", "false"}, env).direct()).isFalse();
        assertThat(RouterOptions.parse(new String[0], Map.of("PAAS_NODE_TOKEN", "s", "PAAS_ROUTER_DIRECT", "false"))
                .direct()).isFalse();
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--direct", "no"}, env)).hasMessageContaining("'no'");
    }

    @Test
    void refusesWhatItCannotUse() {
        Map<String, String> env = Map.of("PAAS_NODE_TOKEN", "secret");
        assertThatThrownBy(() -> RouterOptions.parse(new String[0], Map.of())).hasMessageContaining("--token");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--bogus", "x"}, env)).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--name"}, env)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--name", "Router_1"}, env)).hasMessageContaining("Router_1");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--listen", "localhost:80"}, env)).hasMessageContaining("localhost");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--controller", "ftp://x"}, env)).hasMessageContaining("ftp");
    }

    @Test
    void aJoinTokenMakesTheRouterAProxyNodeAndWinsOverTheNodeToken() {
        RouterOptions options = RouterOptions.parse(new String[] {"--join-token", "pjt_edge"},
                Map.of("PAAS_NODE_TOKEN", "secret"));

        assertThat(options.joined()).isTrue();
        assertThat(options.token()).isEqualTo("pjt_edge");
        assertThat(options.toString()).doesNotContain("pjt_edge").contains("join token");
        assertThat(RouterOptions.parse(new String[0], Map.of("PAAS_NODE_TOKEN", "secret")).joined()).isFalse();
        assertThatThrownBy(() -> RouterOptions.parse(new String[0], Map.of()))
                .hasMessageContaining("paas formations:token FORMATION --layer proxy");
    }

    @Test
    void httpsIsServedOnlyWhereItIsGiven() {
        Map<String, String> env = Map.of("PAAS_NODE_TOKEN", "secret");

        assertThat(RouterOptions.parse(new String[0], env).listenHttps()).isNull();
        assertThat(RouterOptions.parse(new String[] {"--listen-https", "127.0.0.1:8443"}, env).listenHttps())
                .hasToString("127.0.0.1:8443");
        assertThat(RouterOptions.parse(new String[0], Map.of("PAAS_NODE_TOKEN", "secret",
                "PAAS_ROUTER_LISTEN_HTTPS", "*:443")).toString()).contains("listen-https=*:443");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--listen-https", "127.0.0.1:8080"}, env))
                .hasMessageContaining("must differ from --listen");
        assertThatThrownBy(() -> RouterOptions.parse(new String[] {"--listen-https", "example.com:443"}, env))
                .hasMessageContaining("example.com");
    }
}
