package dev.paas.router.nginx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback backend on plain sockets, for what the JDK's HttpServer cannot do: an upgrade to a raw echo tunnel
 * (nginx only relays the bytes once the backend answered 101, so no WebSocket framing is needed to test it), an
 * event stream that sends one event and stays open, and an echo of the request headers it received.
 */
final class RawBackend implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Thread acceptor;

    RawBackend() throws IOException {
        acceptor = new Thread(this::accept, "raw-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> serve(client), "raw-backend-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = head(in);
            String path = head.split(" ", 3)[1];
            if (head.toLowerCase(Locale.ROOT).contains("\nupgrade: websocket")) {
                out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.transferTo(out);
            } else if (path.equals("/events")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + chunk("data: first\n\n")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Stays open until the client goes: a buffering proxy would hold the first event back all along.
                in.read();
            } else {
                Matcher length = CONTENT_LENGTH.matcher(head);
                if (length.find()) {
                    in.skipNBytes(Long.parseLong(length.group(1)));
                }
                byte[] body = head.getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // The client went away: nothing to serve.
        }
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.length()) + "\r\n" + text + "\r\n";
    }

    /** The request line and headers, up to 64 KiB. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 65_536) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed inside the head");
            }
            head.write(c);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("head too long");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
