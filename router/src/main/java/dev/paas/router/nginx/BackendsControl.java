package dev.paas.router.nginx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands the backend table to nginx through its control socket ({@code control/control.sock}, served by
 * {@code paas_backends.lua}). A unix socket rather than a loopback port: it never collides with another program's
 * port, and access is a file permission. nginx makes the socket itself mode 0666, so what keeps other local users out
 * is its directory, mode 0700 ({@link NginxRouter}); {@code paas_backends.lua} still checks every line it receives.
 */
final class BackendsControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;

    BackendsControl(Path socket) {
        this.socket = socket;
    }

    /**
     * Replaces every app's backends in nginx's shared dict. Once this returns, every worker uses them: the dict is
     * one memory zone.
     *
     * @param backends lines "app NAME [IP:PORT ...]", as {@link RoutesRenderer} renders them
     */
    void replace(long version, String backends) throws IOException {
        byte[] body = ("version " + version + "\n" + backends).getBytes(StandardCharsets.US_ASCII);
        String answer = post("/backends", body);
        int end = answer.indexOf("\r\n\r\n");
        String status = answer.lines().findFirst().orElse("");
        String content = end < 0 ? "" : answer.substring(end + 4).strip();
        if (!status.matches("HTTP/1\\.[01] 200 .*") || !content.equals(Long.toString(version))) {
            String reason = content.length() > 300 ? content.substring(0, 300) + "..." : content;
            throw new IOException("nginx's control socket " + socket + " did not take backend table v" + version
                    + " (" + body.length + " bytes): " + status + " " + reason);
        }
    }

    private String post(String path, byte[] body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A unix SocketChannel has no read timeout: closing it from another thread ends a blocked read or write.
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> close(channel),
                    CompletableFuture.delayedExecutor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                String head = "POST " + path + " HTTP/1.0\r\nHost: localhost\r\nContent-Length: " + body.length
                        + "\r\n\r\n";
                ByteBuffer request = ByteBuffer.allocate(head.length() + body.length);
                request.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
                while (request.hasRemaining()) {
                    channel.write(request);
                }
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (channel.read(buffer) >= 0) {
                    answer.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                return answer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("nginx's control socket " + socket + ": " + e, e);
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already closed or broken: the exchange fails either way.
        }
    }
}
