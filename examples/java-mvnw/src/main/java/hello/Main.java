package hello;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;

/** Uses a record and a text block, so it compiles only for Java 16 and later; says which Maven built it. */
public final class Main {

    static final String MESSAGE = "Hello from Java built by mvnw";

    record Greeting(String message, int java, String maven) {
        String json() {
            return """
                    {"message":"%s","java":%d,"maven":"%s"}
                    """.formatted(message, java, maven);
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("PORT"));
        Properties build = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/build.properties")) {
            build.load(in);
        }
        Greeting greeting = new Greeting(MESSAGE, Runtime.version().feature(), build.getProperty("maven"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            byte[] body = greeting.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on " + port);
    }
}
