package dev.paas.router.nginx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/** Test helpers: tiny loopback HTTP backends and free ports. */
final class Backends {

    static final Path NGINX = Path.of("/usr/sbin/nginx");

    private Backends() {
    }

    static boolean nginxInstalled() {
        return Files.isExecutable(NGINX);
    }

    /** A backend on 127.0.0.1 answering every request with {@code text}. */
    static HttpServer answering(String text) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * A port on 127.0.0.1 where connections are refused for as long as the socket stays open: a plain TCP socket bound
     * to it but never listening. A free port, closed at once, could be taken by another process before the test
     * uses it; this one cannot (neither a bind to 127.0.0.1 nor to the wildcard address gets it while the socket is
     * bound, as it does not ask for SO_REUSEADDR), and nothing answers on it, as a ServerSocket would from its
     * backlog.
     */
    static Socket deadPort() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
