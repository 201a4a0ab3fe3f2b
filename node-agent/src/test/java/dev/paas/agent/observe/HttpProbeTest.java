package dev.paas.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.paas.api.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real probe against a real HTTP server on loopback: status, then the content app.json's checks expect. */
class HttpProbeTest {

    HttpServer server;
    int port;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("path " + exchange.getRequestURI().getPath() + ": all ok").getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void passesOnStatusAloneWithoutContent() {
        assertThat(HttpProbe.http().healthy("127.0.0.1", port, new HealthCheck("/", 2000, 3))).isTrue();
        assertThat(HttpProbe.http().healthy("127.0.0.1", port, new HealthCheck("/missing", 2000, 3))).isFalse();
    }

    @Test
    void passesOnlyWhenTheBodyHoldsTheContent() {
        assertThat(HttpProbe.http().healthy("127.0.0.1", port, new HealthCheck("/", 2000, 3, "all ok"))).isTrue();
        assertThat(HttpProbe.http().healthy("127.0.0.1", port, new HealthCheck("/", 2000, 3, "not there"))).isFalse();
        assertThat(HttpProbe.http().healthy("127.0.0.1", port, new HealthCheck("/missing", 2000, 3, "all ok")))
                .isFalse();
    }
}
